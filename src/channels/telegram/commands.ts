import type { Api } from 'grammy';
import type { BotCommand } from 'grammy/types';
import type { Language } from '../../flow/languages.js';
import type { Logger } from '../../log.js';
import { isLanguageCode } from './signal.js';

export interface CommandTexts {
  label(language: string, key: string): string;
  has(language: string, key: string): boolean;
}

const descriptionKey = (command: string): string => `telegram:command_${command}`;
/** Telegram's rule for a command's name. */
const VALID = /^[a-z0-9_]{1,32}$/;

/** The command menu in one language: the commands described in the source language's `telegram.json`. */
export function commandList(language: string, commands: readonly string[], texts: CommandTexts, source = 'en'): BotCommand[] {
  return commands
    .filter((c) => VALID.test(c) && texts.has(source, descriptionKey(c)))
    .map((command) => ({ command, description: texts.label(language, descriptionKey(command)).slice(0, 256) }));
}

/**
 * Registers the command menu for every language, under each Telegram language code that suggests
 * it (`setMyCommands` with `language_code`), and the source language's as the default for everyone
 * else. A code Telegram refuses is logged and skipped.
 */
export async function registerCommands(
  api: Api,
  languages: readonly Language[],
  commands: readonly string[],
  texts: CommandTexts,
  log: Logger,
): Promise<void> {
  const source = languages[0]?.tag ?? 'en';
  await api.setMyCommands(commandList(source, commands, texts, source));
  for (const language of languages) {
    for (const code of new Set(language.hints.filter(isLanguageCode))) {
      try {
        await api.setMyCommands(commandList(language.tag, commands, texts, source), { language_code: code });
      } catch (error) {
        log.log('warn', 'telegram: setMyCommands failed', { language: language.tag, code, error: String(error) });
      }
    }
  }
}
