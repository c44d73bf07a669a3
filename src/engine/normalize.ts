/** Folds text for loose matching: case, accents, Arabic letter variants, spacing, punctuation. */
export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\u0622\u0623\u0625]/g, '\u0627')
    .replace(/\u0649/g, '\u064a')
    .replace(/\u06cc/g, '\u064a')
    .replace(/\u0643/g, '\u06a9')
    .replace(/\u0629/g, '\u0647')
    .replace(/[\u2068\u2069\u200e\u200f\u200c\u200d]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
