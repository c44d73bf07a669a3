import type { Transformer } from 'grammy';

export interface RetryOptions {
  /** Tries per call, the first included (default 3). */
  attempts?: number;
  /** A 429's `retry_after` up to this long is waited out in place; a longer one is the caller's (default 3 s). */
  maxWaitMs?: number;
  /** First pause after a 5xx or a network error, doubled each time (default 300 ms). */
  backoffMs?: number;
}

/** What of an abort signal a pause needs (grammY's Node build passes a shim, not the platform's). */
interface Abortable {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

function sleep(ms: number, signal?: Abortable): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done);
  });
}

/**
 * Retries Bot API calls a bounded number of times: 429 after its `retry_after` (when short), 5xx
 * and network failures with a doubling pause. Everything else, and whatever is still failing at
 * the end, goes back to the caller: the outbox reschedules a message, a webhook request gives up.
 * (`@grammyjs/auto-retry` would retry without end by default.)
 */
export function boundedRetry(options: RetryOptions = {}): Transformer {
  const attempts = Math.max(1, options.attempts ?? 3);
  const maxWaitMs = options.maxWaitMs ?? 3_000;
  const backoffMs = options.backoffMs ?? 300;
  return async (prev, method, payload, signal) => {
    for (let attempt = 1; ; attempt++) {
      const last = attempt >= attempts;
      const pause = backoffMs * 2 ** (attempt - 1);
      let result: Awaited<ReturnType<typeof prev>>;
      try {
        result = await prev(method, payload, signal);
      } catch (error) {
        if (last || signal?.aborted) throw error;
        await sleep(pause, signal);
        continue;
      }
      if (result.ok || last) return result;
      const retryAfterMs = (result.parameters?.retry_after ?? Number.POSITIVE_INFINITY) * 1000;
      if (result.error_code === 429 && retryAfterMs <= maxWaitMs) await sleep(retryAfterMs, signal);
      else if (result.error_code >= 500) await sleep(pause, signal);
      else return result;
      if (signal?.aborted) return result;
    }
  };
}
