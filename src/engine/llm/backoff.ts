import { APIConnectionError, APIError } from '@anthropic-ai/sdk';

/** How the client waits between attempts; tests pass a sleep that records and returns at once. */
export interface RetryPolicy {
  sleep(ms: number): Promise<void>;
  /** Attempts in all (first try included). */
  maxAttempts: number;
  /** First wait without a `retry-after`; doubles per attempt up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: Omit<RetryPolicy, 'sleep'> = { maxAttempts: 6, baseDelayMs: 1000, maxDelayMs: 60_000 };

/** Rate limited (429), overloaded (529, also mid-stream), a transient server error or no connection: worth another try. */
export function isRetryable(err: unknown): boolean {
  if (err instanceof APIConnectionError) return true;
  if (!(err instanceof APIError)) return false;
  // An overload or rate limit can also arrive inside an SSE stream, as an `error` event without a status.
  const type = (err.error as { error?: { type?: string } } | undefined)?.error?.type;
  if (type === 'overloaded_error' || type === 'rate_limit_error') return true;
  const status = err.status as number | undefined;
  return status === 429 || status === 529 || status === 500 || status === 502 || status === 503 || status === 504;
}

/** The wait the server asked for: `retry-after-ms`, or `retry-after` in seconds or as an HTTP date. */
export function retryAfterMs(err: unknown, now: number): number | undefined {
  if (!(err instanceof APIError)) return undefined;
  const headers = err.headers as Headers | undefined;
  const ms = headers?.get('retry-after-ms');
  if (ms && Number.isFinite(Number(ms))) return Math.max(0, Number(ms));
  const after = headers?.get('retry-after');
  if (!after) return undefined;
  if (/^\d+(?:\.\d+)?$/.test(after.trim())) return Number(after) * 1000;
  const at = Date.parse(after);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * Runs `attempt` until it succeeds, a non-retryable error, or `maxAttempts`. Waits what the server
 * asked (`retry-after`), else exponential backoff; `onRetry` hears each wait (for logs and tests).
 */
export async function withRetries<T>(
  attempt: () => Promise<T>,
  policy: RetryPolicy,
  now: () => number,
  onRetry?: (info: { attempt: number; delayMs: number; status?: number }) => void,
): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (err) {
      if (i >= policy.maxAttempts || !isRetryable(err)) throw err;
      const asked = retryAfterMs(err, now());
      const delayMs = Math.min(policy.maxDelayMs, asked ?? policy.baseDelayMs * 2 ** (i - 1));
      onRetry?.({ attempt: i, delayMs, status: err instanceof APIError ? (err.status as number | undefined) : undefined });
      await policy.sleep(delayMs);
    }
  }
}
