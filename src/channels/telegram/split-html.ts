/** Telegram's limit for one message: characters (UTF-16 units) after entity parsing. */
export const MESSAGE_LIMIT = 4096;

// A tag, an entity, a surrogate pair (one emoji, never cut in half) or one character.
const TOKEN = /<[^<>]*>|&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);|[\uD800-\uDBFF][\uDC00-\uDFFF]|[\s\S]/g;
const TAG = /^<(\/?)([a-zA-Z][\w-]*)/;

function width(token: string): number {
  if (token.startsWith('<')) return 0;
  if (token.length > 1 && token.startsWith('&')) {
    const code = /^&#(x?)([0-9a-fA-F]+);$/.exec(token);
    return code ? String.fromCodePoint(Number.parseInt(code[2] ?? '0', code[1] ? 16 : 10) || 0x20).length : 1;
  }
  return token.length;
}

/** Length of safe HTML as Telegram counts it: tags are free, an entity is the character it stands for. */
export function visibleLength(html: string): number {
  let length = 0;
  for (const [token] of html.matchAll(TOKEN)) length += width(token);
  return length;
}

interface Cut {
  /** Index in the chunk's HTML right after the break. */
  index: number;
  /** Visible characters up to the break. */
  length: number;
  /** Tags open at the break (their full opening text). */
  open: string[];
}

const closing = (open: string[]): string =>
  [...open].reverse().map((tag) => `</${TAG.exec(tag)?.[2] ?? ''}>`).join('');

/**
 * Splits safe HTML into messages Telegram accepts, at a line break where possible, else at a space,
 * else anywhere; tags open at a cut are closed before it and opened again after it. A text that
 * fits comes back as it is, alone.
 */
export function splitHtml(html: string, limit = MESSAGE_LIMIT): string[] {
  if (visibleLength(html) <= limit) return [html];
  const parts: string[] = [];
  const open: string[] = [];
  let chunk = '';
  let length = 0;
  let newline: Cut | null = null;
  let space: Cut | null = null;
  for (const [token] of html.matchAll(TOKEN)) {
    const tag = TAG.exec(token);
    if (tag) {
      if (tag[1]) {
        if (TAG.exec(open.at(-1) ?? '')?.[2] === tag[2]) open.pop();
      } else open.push(token);
      chunk += token;
      continue;
    }
    const w = width(token);
    while (length + w > limit) {
      const at = newline ?? space;
      const cut: Cut = at && at.length > 0 ? at : { index: chunk.length, length, open: [...open] };
      parts.push(chunk.slice(0, cut.index) + closing(cut.open));
      chunk = cut.open.join('') + chunk.slice(cut.index);
      length -= cut.length;
      newline = space = null;
    }
    chunk += token;
    length += w;
    if (token === '\n') newline = { index: chunk.length, length, open: [...open] };
    else if (token === ' ') space = { index: chunk.length, length, open: [...open] };
  }
  parts.push(chunk);
  return parts.filter((part) => visibleLength(part) > 0);
}
