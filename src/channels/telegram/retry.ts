/**
 * Bot API calls retried in place only while that is cheap: a 429 whose `retry_after` is short is
 * waited out (`@grammyjs/auto-retry`). Everything else goes back to the caller at once: the outbox
 * reschedules a message with its own backoff (and survives a restart), a webhook request gives up.
 * auto-retry's defaults would retry without end (network errors even ignore its attempt limit),
 * and its 5xx backoff starts at 3 s, too long to hold a webhook request: both are turned off here.
 */
import { autoRetry } from '@grammyjs/auto-retry';
import type { Transformer } from 'grammy';

export interface RetryOptions {
  /** Tries per call, the first included (default 3). */
  attempts?: number;
  /** A 429's `retry_after` up to this long is waited out in place; a longer one is the caller's (default 3 s). */
  maxWaitMs?: number;
}

export function boundedRetry(options: RetryOptions = {}): Transformer {
  return autoRetry({
    maxRetryAttempts: Math.max(0, (options.attempts ?? 3) - 1),
    maxDelaySeconds: Math.floor((options.maxWaitMs ?? 3_000) / 1000),
    rethrowInternalServerErrors: true,
    rethrowHttpErrors: true,
  });
}
