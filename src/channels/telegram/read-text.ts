import { SET_LANGUAGE_COMMAND } from '../../conversation/index.js';
import { suggestLanguage } from '../../conversation/language.js';
import type { Inbound } from '../../engine/types.js';
import type { Language } from '../../flow/languages.js';

// What Telegram marks as a bot command: `/name`, maybe `@bot`, maybe arguments after a space.
const COMMAND = /^\/([A-Za-z0-9_]{1,32})(?:@\w+)?(?:\s+([\s\S]*))?$/;

/** A language named by a tag, a Telegram code or its name (`/language ar`, `/language العربية`). */
function findLanguage(name: string, languages: readonly Language[]): string | undefined {
  const folded = name.toLocaleLowerCase();
  return (
    suggestLanguage(name, languages) ??
    languages.find((l) => l.name.toLocaleLowerCase() === folded || l.english.toLocaleLowerCase() === folded)?.tag
  );
}

/**
 * The engine's input for a text message. Commands keep working with what Telegram may add to them
 * (`/start@bot`, a deep-link payload); `/language <language>` switches at once without the picker.
 */
export function readText(text: string, languages: readonly Language[]): Inbound {
  const match = COMMAND.exec(text.trim());
  const command = match?.[1]?.toLowerCase();
  if (!command) return { kind: 'text', text };
  const argument = match?.[2]?.trim();
  if (command === 'language' && argument) {
    const tag = findLanguage(argument, languages);
    if (tag) return { kind: 'command', command: SET_LANGUAGE_COMMAND + tag };
  }
  return { kind: 'command', command };
}
