import type { Language } from '../../flow/languages.js';

interface Range {
  tag: string;
  q: number;
}

function parseRanges(header: string): Range[] {
  const ranges: Range[] = [];
  for (const part of header.split(',')) {
    const [raw, ...params] = part.trim().split(';');
    const tag = (raw ?? '').trim().toLowerCase();
    if (!tag || tag === '*') continue;
    let q = 1;
    for (const p of params) {
      const [k, v] = p.trim().split('=');
      if (k === 'q') q = Number(v);
    }
    if (Number.isFinite(q) && q > 0) ranges.push({ tag, q });
  }
  // Array.prototype.sort is stable: equal weights keep the browser's order.
  return ranges.sort((a, b) => b.q - a.q);
}

const primary = (tag: string): string => tag.split('-')[0] ?? tag;

/** The supported language that best matches one range (`sr-Cyrl-RS` -> `sr-Cyrl`, `sr` -> `sr-Cyrl`). */
function matchRange(range: string, languages: readonly Language[]): Language | undefined {
  const lower = languages.map((l) => ({ l, tag: l.tag.toLowerCase() }));
  return (
    lower.find((x) => x.tag === range)?.l ??
    lower.filter((x) => range.startsWith(`${x.tag}-`)).sort((a, b) => b.tag.length - a.tag.length)[0]?.l ??
    languages.find((l) => l.hints.some((code) => code.toLowerCase() === range)) ??
    languages.find((l) => l.hints.some((code) => code.toLowerCase() === primary(range))) ??
    lower.find((x) => primary(x.tag) === primary(range))?.l
  );
}

/** Best supported language for an `Accept-Language` header, or undefined when nothing fits. */
export function negotiate(header: string | undefined, languages: readonly Language[]): Language | undefined {
  if (!header) return undefined;
  for (const range of parseRanges(header)) {
    const found = matchRange(range.tag, languages);
    if (found) return found;
  }
  return undefined;
}

/** The page language: `?lang=` when supported, else the browser's best match, else the default. */
export function pickLanguage(
  query: string | undefined,
  acceptLanguage: string | undefined,
  languages: readonly Language[],
  defaultLanguage: string,
): { tag: string; dir: 'ltr' | 'rtl' } {
  const wanted = query?.toLowerCase();
  const chosen =
    (wanted ? languages.find((l) => l.tag.toLowerCase() === wanted) : undefined) ??
    negotiate(acceptLanguage, languages) ??
    languages.find((l) => l.tag === defaultLanguage);
  return chosen ? { tag: chosen.tag, dir: chosen.dir } : { tag: defaultLanguage, dir: 'ltr' };
}
