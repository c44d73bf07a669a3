import type { Api } from 'grammy';
import type { LanguageCode } from 'grammy/types';

/** grammY's Node build types signals with the `abort-controller` shim; the platform's works the same. */
type ApiSignal = NonNullable<Parameters<Api['getMe']>[0]>;

export const apiSignal = (signal: AbortSignal): ApiSignal => signal as unknown as ApiSignal;

/** A two-letter code Telegram may accept as `language_code` (it refuses some, e.g. `sh`: logged). */
export const isLanguageCode = (code: string): code is LanguageCode => /^[a-z]{2}$/.test(code);
