import type { Context } from 'hono';
import type { RateLimiter } from '../../conversation/rate-limits.js';
import type { ConversationService } from '../../conversation/types.js';
import type { Language } from '../../flow/languages.js';

/** What the web chat needs from the composition root. */
export interface WebChatDeps {
  service: ConversationService;
  languages: readonly Language[];
  /** Plain text of a locale key (`web:title`) in a language; the page escapes it. */
  t: (language: string, key: string) => string;
  defaultLanguage: string;
  /** The only clock. */
  clock: () => Date;
  /**
   * What web chat tokens are signed with (at least 32 bytes; the key is derived from it with HKDF).
   * `webTokenSecret(env)` picks it from the configuration.
   */
  tokenSecret: string | Uint8Array;
  /** Served over https (PUBLIC_URL): the page is sent with Strict-Transport-Security. */
  https?: boolean;
  /** Flood limits; without them (unit tests of the page) nothing is limited. */
  limits?: WebLimits;
}

/** What keeps one client from flooding the web chat (see src/conversation/rate-limits.ts). */
export interface WebLimits {
  limiter: RateLimiter;
  /** The client's address (src/http/client-address.ts). */
  address(c: Context): string;
  newConversationsPerHour: number;
  messagesPerMinute: number;
  requestsPerMinutePerAddress: number;
}
