/**
 * Telegram's HTML parse mode, as its documentation states it: which tags and attributes exist,
 * which entities, what may nest. Returns the text as the user sees it, its entities (offsets in
 * UTF-16 units, as the Bot API gives them) and everything Telegram would refuse.
 */
import type { MessageEntity } from 'grammy/types';

export interface Parsed {
  text: string;
  entities: MessageEntity[];
  problems: string[];
}

type Open = { tag: string; type: MessageEntity['type']; offset: number; url?: string; language?: string };

const SIMPLE: Record<string, MessageEntity['type']> = {
  b: 'bold',
  strong: 'bold',
  i: 'italic',
  em: 'italic',
  u: 'underline',
  ins: 'underline',
  s: 'strikethrough',
  strike: 'strikethrough',
  del: 'strikethrough',
  'tg-spoiler': 'spoiler',
  code: 'code',
  pre: 'pre',
  blockquote: 'blockquote',
};

const TAG = /^<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z-]+(?:\s*=\s*(?:"[^"]*"|'[^']*'))?)*)\s*>/;
const ATTR = /([a-zA-Z-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'))?/g;
const ENTITY = /^&(lt|gt|amp|quot|#\d{1,7}|#x[0-9a-fA-F]{1,6});/;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };

/** Attribute values are HTML too: entities in them stand for their characters. */
function attributes(text: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const m of text.matchAll(ATTR)) {
    const value = (m[2] ?? m[3] ?? '').replace(/&(lt|gt|amp|quot|#\d{1,7}|#x[0-9a-fA-F]{1,6});/g, (_, e: string) => decode(e));
    found.set((m[1] ?? '').toLowerCase(), value);
  }
  return found;
}

function decode(entity: string): string {
  const named = NAMED[entity];
  if (named) return named;
  const code = entity.startsWith('#x') ? Number.parseInt(entity.slice(2), 16) : Number(entity.slice(1));
  return String.fromCodePoint(code > 0 && code <= 0x10ffff ? code : 0xfffd);
}

/** What an opening tag means, or a problem. */
function opening(name: string, attrs: Map<string, string>, offset: number): Open | string {
  const only = (...allowed: string[]) => [...attrs.keys()].filter((a) => !allowed.includes(a));
  if (name === 'a') {
    const href = attrs.get('href');
    if (href === undefined || only('href').length) return '<a> takes exactly one attribute, href';
    return { tag: name, type: 'text_link', offset, url: href };
  }
  if (name === 'span') {
    if (attrs.get('class') !== 'tg-spoiler' || only('class').length) return '<span> is only allowed with class="tg-spoiler"';
    return { tag: name, type: 'spoiler', offset };
  }
  if (name === 'tg-emoji') {
    if (!attrs.get('emoji-id') || only('emoji-id').length) return '<tg-emoji> needs emoji-id';
    return { tag: name, type: 'custom_emoji', offset };
  }
  const type = SIMPLE[name];
  if (!type) return `unsupported start tag "${name}"`;
  if (name === 'blockquote') {
    if (only('expandable').length) return '<blockquote> takes only "expandable"';
    return { tag: name, type: attrs.has('expandable') ? 'expandable_blockquote' : 'blockquote', offset };
  }
  if (name === 'code' && attrs.size > 0) {
    const language = /^language-(.+)$/.exec(attrs.get('class') ?? '')?.[1];
    if (!language || only('class').length) return '<code> takes only class="language-..."';
    return { tag: name, type, offset, language };
  }
  if (attrs.size > 0) return `<${name}> takes no attributes`;
  return { tag: name, type, offset };
}

export function parseTelegramHtml(html: string): Parsed {
  const problems: string[] = [];
  const entities: MessageEntity[] = [];
  const open: Open[] = [];
  let text = '';
  for (let i = 0; i < html.length; ) {
    const rest = html.slice(i);
    const ch = html[i] ?? '';
    if (ch === '<') {
      const m = TAG.exec(rest);
      if (!m) {
        problems.push(`a bare "<" at byte offset ${i} (unsupported start tag or unfinished tag)`);
        text += '<';
        i += 1;
        continue;
      }
      i += m[0].length;
      const name = (m[2] ?? '').toLowerCase();
      if (m[1]) {
        const top = open.at(-1);
        if (!top || top.tag !== name) {
          problems.push(`unmatched end tag </${name}>${top ? ` (expected </${top.tag}>)` : ''}`);
          continue;
        }
        open.pop();
        const length = text.length - top.offset;
        if (length > 0) {
          const base = { offset: top.offset, length };
          if (top.type === 'text_link') entities.push({ type: 'text_link', ...base, url: top.url ?? '' });
          else if (top.type === 'pre' || top.type === 'code') {
            // <pre><code class="language-x"> is one pre entity with a language.
            if (top.type === 'code' && top.language && open.at(-1)?.tag === 'pre') {
              const pre = open.at(-1);
              if (pre) pre.language = top.language;
            } else entities.push({ type: top.type, ...base, ...(top.language ? { language: top.language } : {}) } as MessageEntity);
          } else if (top.type === 'custom_emoji') entities.push({ type: 'custom_emoji', ...base, custom_emoji_id: 'x' });
          else entities.push({ type: top.type, ...base } as MessageEntity);
        }
        continue;
      }
      const next = opening(name, attributes(m[3] ?? ''), text.length);
      if (typeof next === 'string') {
        problems.push(next);
        continue;
      }
      const inside = open.at(-1);
      if (inside && (inside.type === 'code' || (inside.type === 'pre' && next.tag !== 'code'))) {
        problems.push(`<${next.tag}> cannot be inside <${inside.tag}>`);
      }
      if ((next.type === 'blockquote' || next.type === 'expandable_blockquote') && open.some((o) => o.tag === 'blockquote')) {
        problems.push('blockquotes cannot be nested');
      }
      open.push(next);
      continue;
    }
    if (ch === '&') {
      const m = ENTITY.exec(rest);
      if (!m) problems.push(`a bare "&" or an unsupported entity at byte offset ${i}`);
      text += m ? decode(m[1] ?? '') : '&';
      i += m ? m[0].length : 1;
      continue;
    }
    text += ch;
    i += 1;
  }
  for (const o of open.reverse()) problems.push(`<${o.tag}> is never closed`);
  entities.sort((a, b) => a.offset - b.offset || b.length - a.length);
  return { text, entities, problems };
}
