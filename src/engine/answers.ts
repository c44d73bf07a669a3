import type { InputNode, Scalar } from '../flow/schema.js';
import { matchCountry } from './country.js';
import { asciiDigits } from './digits.js';
import { fold } from './normalize.js';

export type Parsed =
  | { ok: true; value: Scalar }
  | { ok: false; candidates?: string[] };

const YES = ['yes', 'y'];
const NO = ['no', 'n'];

function parseDate(text: string): Date | null {
  const t = asciiDigits(text);
  // Year first (1995-12-31, or 1995/12/31 as written in Iran and Afghanistan), else day first.
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(t);
  let [y, mo, d] = m ? [m[1], m[2], m[3]] : [undefined, undefined, undefined];
  if (!m) {
    m = /^(\d{1,2})[./\- ](\d{1,2})[./\- ](\d{4})\.?$/.exec(t);
    if (m) [d, mo, y] = [m[1], m[2], m[3]];
  }
  if (!y || !mo || !d) return null;
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  // Rejects 31.02.2000, which Date would roll over into March.
  return date.getUTCMonth() === Number(mo) - 1 && date.getUTCDate() === Number(d) ? date : null;
}

function yearsFrom(now: Date, years: number): Date {
  return new Date(Date.UTC(now.getUTCFullYear() + years, now.getUTCMonth(), now.getUTCDate()));
}

/**
 * Reads a typed answer to an input question. `yesLabel` / `noLabel` are the button labels in the
 * user's language, so typing the label works as well as pressing it.
 */
export function parseAnswer(
  node: InputNode,
  text: string,
  ctx: { now: Date; language: string; yesLabel: string; noLabel: string },
): Parsed {
  const raw = text.trim();
  if (raw.length === 0) return { ok: false };
  switch (node.input) {
    case 'text': {
      const max = node.max_length ?? 200;
      return raw.length <= max ? { ok: true, value: raw } : { ok: false };
    }
    case 'number': {
      const t = asciiDigits(raw);
      if (!/^-?\d{1,9}$/.test(t)) return { ok: false };
      const n = Number(t);
      if (node.min !== undefined && n < node.min) return { ok: false };
      if (node.max !== undefined && n > node.max) return { ok: false };
      return { ok: true, value: n };
    }
    case 'date': {
      const date = parseDate(raw);
      if (!date) return { ok: false };
      if (node.min !== undefined && date < yearsFrom(ctx.now, node.min)) return { ok: false };
      if (node.max !== undefined && date > yearsFrom(ctx.now, node.max)) return { ok: false };
      return { ok: true, value: date.toISOString().slice(0, 10) };
    }
    case 'yes_no': {
      const f = fold(raw);
      if (f === fold(ctx.yesLabel) || YES.includes(f)) return { ok: true, value: true };
      if (f === fold(ctx.noLabel) || NO.includes(f)) return { ok: true, value: false };
      return { ok: false };
    }
    case 'phone': {
      // Digits with an optional leading +; spaces, dots, dashes and brackets are dropped.
      const t = asciiDigits(raw).replace(/[\s().-]/g, '');
      return /^\+?\d{6,15}$/.test(t) ? { ok: true, value: t } : { ok: false };
    }
    case 'option':
      // Read by the engine against the options on offer (step.ts): never free text.
      return { ok: false };
    case 'country': {
      const found = matchCountry(raw, ctx.language);
      if (found.length === 1) return { ok: true, value: found[0] ?? null };
      return { ok: false, candidates: found.slice(0, 8) };
    }
  }
}
