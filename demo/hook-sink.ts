/** One robot message received by the webhook sink. */
export interface ReceivedHook {
  /** The <name> of POST /hooks/<name>, e.g. wecom. */
  name: string;
  /** ISO 8601 time of receipt. */
  receivedAt: string;
  /** Query parameters (robot keys, DingTalk timestamp/sign...). */
  query: Record<string, string>;
  /** The parsed JSON body. */
  body: unknown;
}

/** Keeps the last `max` received robot messages in memory. */
export interface HookSink {
  record(hook: ReceivedHook): void;
  /** Received messages, oldest first. */
  list(): ReceivedHook[];
}

/** A size-capped in-memory store of received robot messages. */
export function createHookSink(max = 200): HookSink {
  const hooks: ReceivedHook[] = [];
  return {
    record(hook) {
      hooks.push(hook);
      if (hooks.length > max) hooks.splice(0, hooks.length - max);
    },
    list: () => [...hooks],
  };
}

/** The human-readable text of a WeCom/DingTalk/Feishu robot message, if it has one. */
export function hookText(body: unknown): string | undefined {
  const get = (value: unknown, ...keys: string[]): unknown =>
    keys.reduce<unknown>(
      (v, k) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined),
      value,
    );
  const candidates = [
    get(body, 'text', 'content'),
    get(body, 'markdown', 'content'),
    get(body, 'markdown', 'text'),
    get(body, 'content', 'text'),
    get(body, 'text'),
  ];
  const found = candidates.find((c): c is string => typeof c === 'string' && c.length > 0);
  return found;
}
