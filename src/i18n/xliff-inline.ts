/**
 * Our texts inside XLIFF 2.0: `{{placeholders}}`, the few HTML tags Telegram takes and character
 * entities become inline codes (`<ph>`, `<pc>`), with the exact original text kept in the unit's
 * `<originalData>`. CAT tools show codes as protected tags, so a translator moves them but cannot
 * retype them; everything else is plain text, escaped on the way back.
 */

/** One piece of original data: the exact characters an inline code stands for. */
export interface OriginalData {
  id: string;
  value: string;
}

/** The codes and data of one unit, shared by its source and target. */
export class UnitCodes {
  readonly data: OriginalData[] = [];
  private next = 1;
  private readonly sourceCodes: Array<{ id: string; key: string }> = [];

  dataId(value: string): string {
    const found = this.data.find((d) => d.value === value);
    if (found) return found.id;
    const id = `d${this.data.length + 1}`;
    this.data.push({ id, value });
    return id;
  }

  /**
   * A code id: in the source a new one; in the target the source's id for the same original data
   * (so tools align them), or a new one when the source has no such code.
   */
  codeId(key: string, side: 'source' | 'target', used: Set<string>): string {
    if (side === 'target') {
      const match = this.sourceCodes.find((c) => c.key === key && !used.has(c.id));
      if (match) {
        used.add(match.id);
        return match.id;
      }
    }
    const id = String(this.next++);
    if (side === 'source') this.sourceCodes.push({ id, key });
    used.add(id);
    return id;
  }
}

const TOKEN = /(\{\{[^}]*\}\}|<\/?[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?>|&(?:[a-zA-Z][a-zA-Z0-9]*|#\d+|#x[0-9a-fA-F]+);)/;

type Node = { kind: 'text'; text: string } | { kind: 'ph'; value: string } | { kind: 'pc'; open: string; close: string; children: Node[] };

/** Splits a text into plain text, standalone codes and paired tags (well nested; a stray tag stays standalone). */
function parse(text: string): Node[] {
  const root: Node[] = [];
  const stack: Array<{ name: string; open: string; children: Node[] }> = [];
  const here = (): Node[] => stack.at(-1)?.children ?? root;
  for (const part of text.split(TOKEN)) {
    if (part === '') continue;
    const tag = /^<(\/?)([a-zA-Z][a-zA-Z0-9-]*)/.exec(part);
    if (!TOKEN.test(part) || part !== TOKEN.exec(part)?.[0]) {
      here().push({ kind: 'text', text: part });
    } else if (tag && !tag[1]) {
      stack.push({ name: tag[2]!.toLowerCase(), open: part, children: [] });
    } else if (tag && stack.at(-1)?.name === tag[2]!.toLowerCase()) {
      const frame = stack.pop()!;
      here().push({ kind: 'pc', open: frame.open, close: part, children: frame.children });
    } else {
      here().push({ kind: 'ph', value: part });
    }
  }
  // Tags never closed: the opening tag stands alone, its content follows it.
  while (stack.length > 0) {
    const frame = stack.pop()!;
    here().push({ kind: 'ph', value: frame.open }, ...frame.children);
  }
  return root;
}

/** XML character data: `&`, `<`, `>` escaped; characters XML 1.0 cannot hold as `<cp>`. */
export function xmlText(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    // eslint-disable-next-line no-control-regex -- these are exactly the characters XML 1.0 cannot hold
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, (c) => `<cp hex="${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}"/>`);
}

/** An XML attribute value. */
export function xmlAttr(text: string): string {
  return xmlText(text).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}

/** What a code is, for tools: a variable, a formatting tag, a link, or a character. */
function codeType(value: string): string {
  if (value.startsWith('{{')) return 'type="ui" subType="xlf:var"';
  const name = /^<\/?([a-zA-Z]+)/.exec(value)?.[1]?.toLowerCase();
  if (name === 'a') return 'type="link"';
  if (name === 'b' || name === 'i' || name === 'u') return `type="fmt" subType="xlf:${name}"`;
  return name ? 'type="fmt"' : 'type="other"';
}

/** The XLIFF inline content of a text (for `<source>` or `<target>`). */
export function toInline(text: string, codes: UnitCodes, side: 'source' | 'target'): string {
  const used = new Set<string>();
  const render = (nodes: Node[]): string =>
    nodes
      .map((n) => {
        if (n.kind === 'text') return xmlText(n.text);
        if (n.kind === 'ph') {
          const id = codes.codeId(`ph ${n.value}`, side, used);
          return `<ph id="${id}" dataRef="${codes.dataId(n.value)}" ${codeType(n.value)} disp="${xmlAttr(n.value)}"/>`;
        }
        const id = codes.codeId(`pc ${n.open} ${n.close}`, side, used);
        const start = codes.dataId(n.open);
        const end = codes.dataId(n.close);
        return `<pc id="${id}" dataRefStart="${start}" dataRefEnd="${end}" ${codeType(n.open)} dispStart="${xmlAttr(n.open)}" dispEnd="${xmlAttr(n.close)}">${render(n.children)}</pc>`;
      })
      .join('');
  return render(parse(text));
}

/** Our text escaping for plain text read back from a translator: a typed `<`, `>` or `&` stays a character. */
export function escapeTyped(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
