import { useCallback, useEffect, useState } from 'react';
import { getJson } from './client.js';

/** State of a GET: the latest data, the error of the latest attempt, and a reload. */
export interface ApiState<T> {
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
  reload: () => void;
}

/** GET `path` (undefined = nothing to load yet) and keep the answer; a newer path wins over a slower older one. */
export function useApi<T>(path: string | undefined): ApiState<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<Error | undefined>(undefined);
  const [loading, setLoading] = useState(path !== undefined);
  const [tick, setTick] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: tick forces a reload of the same path.
  useEffect(() => {
    if (path === undefined) return;
    let current = true;
    setLoading(true);
    getJson<T>(path)
      .then((value) => {
        if (!current) return;
        setData(value);
        setError(undefined);
      })
      .catch((err: unknown) => {
        if (current) setError(err instanceof Error ? err : new Error(String(err)));
      })
      .finally(() => {
        if (current) setLoading(false);
      });
    return () => {
      current = false;
    };
  }, [path, tick]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, loading, reload };
}
