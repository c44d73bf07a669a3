import type { ConversationService } from '../../conversation/types.js';
import type { ContactKey } from '../../conversation/ports.js';
import type { Language } from '../../flow/languages.js';
import type { Logger } from '../../log.js';
import type { RetryOptions } from './retry.js';

/** What the Telegram channel needs from the rest of the app. */
export interface TelegramDeps {
  token: string;
  /** TELEGRAM_WEBHOOK_SECRET: without it the webhook refuses every request. */
  webhookSecret?: string;
  /** TELEGRAM_API_ROOT: another Bot API server (a local one, the tests' fake). */
  apiRoot?: string;
  service: ConversationService;
  /**
   * Records an update id for a contact, false when it was seen before: dedupes the updates that do
   * not go through `service.handle` (photos, edits, page buttons).
   */
  claim(key: ContactKey, updateId: string): Promise<boolean>;
  /** Delivers queued messages for up to `budgetMs` (the outbox worker). */
  flush(budgetMs: number): Promise<unknown>;
  /** Whether the database answers: tells a bug in handling an update from an outage. */
  healthy(): Promise<boolean>;
  languages: readonly Language[];
  /** Plain-text labels (command descriptions); `has` says whether a key exists in a language. */
  text: { label(language: string, key: string): string; has(language: string, key: string): boolean };
  /** Commands to register with Telegram (the keys of `commands` in flows/app.yaml). */
  commands: readonly string[];
  log: Logger;
  clock?: () => Date;
  options?: TelegramOptions;
}

export interface TelegramOptions {
  /** Choices shown per page of a long list (default 8). */
  pageSize?: number;
  /** How long a webhook request may spend delivering replies before answering Telegram (default 4 s). */
  flushBudgetMs?: number;
  /** Retries of Bot API calls. */
  retry?: RetryOptions;
}
