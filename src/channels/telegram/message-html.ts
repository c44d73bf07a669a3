import type { MessageEntity } from 'grammy/types';
import { escapeHtml } from '../../i18n/html.js';

interface Span {
  start: number;
  end: number;
  open: string;
  close: string;
}

function tagOf(entity: MessageEntity): Pick<Span, 'open' | 'close'> | null {
  const plain = (name: string) => ({ open: `<${name}>`, close: `</${name}>` });
  switch (entity.type) {
    case 'bold':
      return plain('b');
    case 'italic':
      return plain('i');
    case 'underline':
      return plain('u');
    case 'strikethrough':
      return plain('s');
    case 'code':
      return plain('code');
    case 'pre':
      return plain('pre');
    case 'spoiler':
      return plain('tg-spoiler');
    case 'blockquote':
      return plain('blockquote');
    case 'text_link':
      return { open: `<a href="${escapeHtml(entity.url)}">`, close: '</a>' };
    default:
      // Links, commands, mentions Telegram finds by itself come back by themselves.
      return null;
  }
}

/**
 * A message as Telegram returns it (text + entities, offsets in UTF-16 units) back as HTML for
 * parse mode HTML: what lets the channel edit a message it sent without having kept its text.
 */
export function messageHtml(text: string, entities: readonly MessageEntity[] = []): string {
  const spans = entities
    .flatMap((e) => {
      const tag = tagOf(e);
      return tag && e.length > 0 ? [{ start: e.offset, end: e.offset + e.length, ...tag }] : [];
    })
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const stack: Span[] = [];
  let out = '';
  let next = 0;
  for (let i = 0; i <= text.length; i++) {
    // Close what ends here; a span still running above one that ends is closed and opened again.
    while (stack.some((s) => s.end <= i)) {
      const reopen: Span[] = [];
      for (let top = stack.pop(); top; top = stack.pop()) {
        out += top.close;
        if (top.end <= i) break;
        reopen.unshift(top);
      }
      for (const s of reopen) {
        out += s.open;
        stack.push(s);
      }
    }
    for (let s = spans[next]; s && s.start === i; s = spans[++next]) {
      out += s.open;
      stack.push(s);
    }
    if (i < text.length) out += escapeHtml(text[i] ?? '');
  }
  return out;
}
