import type { Bot } from 'grammy';
import type { Update } from 'grammy/types';
import type { Logger } from '../../log.js';
import { ALLOWED_UPDATES } from './setup.js';
import { apiSignal } from './signal.js';

export interface Polling {
  /** Stops after the update in hand; resolves when the loop has ended. */
  stop(): Promise<void>;
}

export interface PollingOptions {
  /** Seconds a `getUpdates` call waits for news (default 30). */
  timeoutSeconds?: number;
  /** An update whose handling keeps failing (the database is down) is tried this often, then skipped (default 20). */
  maxTries?: number;
  /** First pause after a failure, doubled up to 30 s (default 1 s). */
  backoffMs?: number;
}

const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

/**
 * Long polling for a laptop with a real token and no public URL. Unlike `bot.start()`, an update
 * whose handling fails (the database is down) is not confirmed: it is tried again after a pause,
 * as Telegram re-delivers a webhook update answered with a 5xx. The same handlers run either way.
 */
export function startPolling(bot: Bot, log: Logger, options: PollingOptions = {}): Polling {
  const controller = new AbortController();
  const { signal } = controller;
  const timeout = options.timeoutSeconds ?? 30;
  const maxTries = options.maxTries ?? 20;
  const base = options.backoffMs ?? 1_000;
  const pause = (failures: number) => sleep(Math.min(base * 2 ** Math.max(0, failures - 1), 30_000), signal);

  async function handle(update: Update): Promise<void> {
    for (let tries = 1; !signal.aborted; tries++) {
      try {
        return await bot.handleUpdate(update);
      } catch (error) {
        const skip = tries >= maxTries;
        log.log('error', skip ? 'telegram: update skipped after repeated failures' : 'telegram: update failed, trying again', {
          updateId: update.update_id,
          error: error instanceof Error ? error.message : String(error),
        });
        if (skip) return;
        await pause(tries);
      }
    }
  }

  async function loop(): Promise<void> {
    let offset = 0;
    let failures = 0;
    let webhookDeleted = false;
    while (!signal.aborted) {
      try {
        // getUpdates refuses to work while a webhook is set.
        webhookDeleted ||= await bot.api.deleteWebhook({ drop_pending_updates: false }, apiSignal(signal));
        const updates = await bot.api.getUpdates({ offset, timeout, allowed_updates: [...ALLOWED_UPDATES] }, apiSignal(signal));
        failures = 0;
        for (const update of updates) {
          await handle(update);
          if (signal.aborted) return;
          offset = update.update_id + 1;
        }
      } catch (error) {
        if (signal.aborted) return;
        failures++;
        log.log('warn', 'telegram: getUpdates failed', { error: error instanceof Error ? error.message : String(error) });
        await pause(failures);
      }
    }
  }

  const done = loop();
  return {
    async stop() {
      controller.abort();
      await done;
    },
  };
}
