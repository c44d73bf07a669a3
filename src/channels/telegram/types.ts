import type { PollingOptions } from './polling.js';
import type { RetryOptions } from './retry.js';

export interface TelegramOptions {
  /** Choices shown per page of a long list (default 8). */
  pageSize?: number;
  /** How long a webhook request may spend delivering replies before answering Telegram (default 4 s). */
  flushBudgetMs?: number;
  /** Retries of Bot API calls. */
  retry?: RetryOptions;
  /** Long polling (TELEGRAM_MODE=polling). */
  polling?: PollingOptions;
}
