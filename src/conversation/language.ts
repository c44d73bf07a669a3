import type { Language } from '../flow/languages.js';

/**
 * The supported language a channel's hint suggests (a tag such as `ar`, or a messenger's
 * language code such as `sr` -> `sr-Cyrl`), or undefined. A suggestion, never imposed: the
 * welcome flow always offers the picker.
 */
export function suggestLanguage(hint: string | undefined, languages: readonly Language[]): string | undefined {
  if (!hint) return undefined;
  const exact = languages.find((l) => l.tag.toLowerCase() === hint.toLowerCase());
  if (exact) return exact.tag;
  const code = hint.toLowerCase().split(/[-_]/)[0] ?? '';
  return languages.find((l) => l.hints.includes(code) || l.tag === code)?.tag;
}
