// The signed-in user and the configuration the screens share (rounds, units, sources), loaded once per login.
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { ApiError, getJson, sendJson, setCsrfToken, setUnauthorizedHandler } from '../api/client.js';
import type { RoundsView } from '../api/types.js';
import { setDisplayZone } from '../shared/format.js';

/** A console user as the auth API answers it (UserView). */
export interface SessionUser {
  name: string;
  role: 'admin' | 'officer' | 'team';
  /** Team users: the rounds and units they may see (empty for admin/officer; units [] = all of the rounds). */
  rounds: string[];
  units: string[];
  /** The 巡察组 of a team account. */
  team?: string;
  disabled: boolean;
  mustChangePassword: boolean;
}

/** What GET /api/auth/me and POST /api/auth/login answer. */
interface MeResponse {
  user: SessionUser;
  csrfToken: string;
}

/** The session state shared through context. */
export interface Session {
  /** undefined while loading, null when signed out. */
  user: SessionUser | null | undefined;
  config: RoundsView | undefined;
  login(username: string, password: string): Promise<void>;
  logout(): Promise<void>;
  /** Reload the rounds after the round setup changed them. */
  reloadConfig(): Promise<void>;
  /** Re-read the user (after a password change). */
  refreshUser(): Promise<void>;
}

const SessionContext = createContext<Session | undefined>(undefined);

/** The session of the signed-in user; only inside <SessionProvider>. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (session === undefined) throw new Error('useSession outside SessionProvider');
  return session;
}

/** Whether the user is an administrator (audit log, round setup). */
export function isAdmin(user: SessionUser | null | undefined): boolean {
  return user?.role === 'admin';
}

/** Holds the session: checks the cookie on start, and drops to the login page on any 401. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<SessionUser | null | undefined>(undefined);
  const [config, setConfig] = useState<RoundsView | undefined>(undefined);

  const reloadConfig = useCallback(async () => {
    const view = await getJson<RoundsView>('/api/rounds');
    setDisplayZone(view.timezone);
    setConfig(view);
  }, []);

  const accept = useCallback(
    async (me: MeResponse) => {
      setCsrfToken(me.csrfToken);
      // Until the password is changed every other route answers 403 E_PASSWORD_CHANGE.
      if (!me.user.mustChangePassword) await reloadConfig();
      setUser(me.user);
    },
    [reloadConfig],
  );

  useEffect(() => {
    setUnauthorizedHandler(() => {
      setCsrfToken(undefined);
      setUser(null);
    });
    getJson<MeResponse>('/api/auth/me')
      .then(accept)
      .catch((error: unknown) => {
        if (!(error instanceof ApiError) || error.status !== 401) console.warn('session check failed', error);
        setUser(null);
      });
    return () => setUnauthorizedHandler(undefined);
  }, [accept]);

  const login = useCallback(
    async (username: string, password: string) => {
      await accept(await sendJson<MeResponse>('POST', '/api/auth/login', { username, password }));
    },
    [accept],
  );

  const logout = useCallback(async () => {
    try {
      await sendJson('POST', '/api/auth/logout');
    } finally {
      setCsrfToken(undefined);
      setConfig(undefined);
      setUser(null);
    }
  }, []);

  const refreshUser = useCallback(async () => {
    await accept(await getJson<MeResponse>('/api/auth/me'));
  }, [accept]);

  const value = useMemo(
    () => ({ user, config, login, logout, reloadConfig, refreshUser }),
    [user, config, login, logout, reloadConfig, refreshUser],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
