/** How messages become Telegram messages: keyboards, pages, long texts, and edits of sent messages. */
import { describe, expect, it } from 'vitest';
import type { RenderedMessage } from '../../../src/conversation/types.js';
import { readPageData } from '../../../src/channels/telegram/callback-data.js';
import { keyboardRows } from '../../../src/channels/telegram/keyboard.js';
import { messageHtml } from '../../../src/channels/telegram/message-html.js';
import { answerMark } from '../../../src/channels/telegram/on-press.js';
import { toOutboxItem } from '../../../src/channels/telegram/outbox-item.js';
import { readText } from '../../../src/channels/telegram/read-text.js';
import { secretMatches } from '../../../src/channels/telegram/secret.js';
import { splitHtml, visibleLength } from '../../../src/channels/telegram/split-html.js';
import { parseTelegramHtml } from '../../support/fake-telegram/index.js';
import { realContent } from '../../support/app.js';

function message(choices: number, extra: Partial<RenderedMessage> = {}): RenderedMessage {
  return {
    key: 'x:y',
    html: 'Pick one',
    language: 'en',
    dir: 'ltr',
    choices: Array.from({ length: choices }, (_, i) => ({ id: `c${i + 1}`, text: `Choice ${i + 1}` })),
    columns: 1,
    nav: [
      { id: 'nav.back', text: '⬅ Back' },
      { id: 'nav.menu', text: '☰ Main menu' },
    ],
    input: 'choice',
    question: null,
    ...extra,
  };
}

const data = (rows: Array<Array<{ callback_data: string }>>) => rows.map((r) => r.map((b) => b.callback_data));

describe('keyboards', () => {
  it('puts choices in rows of `columns`, then the navigation in one row; callback data is the id', () => {
    expect(data(keyboardRows(message(5, { columns: 2 })))).toEqual([['c1', 'c2'], ['c3', 'c4'], ['c5'], ['nav.back', 'nav.menu']]);
    expect(keyboardRows(message(0, { nav: [] }))).toEqual([]);
  });

  it('shows a long list a page at a time, with page buttons that never look like a choice id', () => {
    const long = message(30);
    const rows = (from: number, to: number): string[][] => Array.from({ length: to - from + 1 }, (_, i) => [`c${from + i}`]);
    expect(data(keyboardRows(long, 0))).toEqual([...rows(1, 12), ['pg:0', 'pg:1'], ['nav.back', 'nav.menu']]);
    const middle = keyboardRows(long, 1);
    expect(middle.at(-2)?.map((b) => b.text)).toEqual(['◀', '2/3', '▶']);
    expect(data(keyboardRows(long, 2)).slice(0, 7)).toEqual([...rows(25, 30), ['pg:1', 'pg:2']]);
    // Out of range asks for the nearest page.
    expect(data(keyboardRows(long, 9))[0]).toEqual(['c25']);
    // The main menu's eleven choices fit on one page.
    expect(data(keyboardRows(message(11))).flat()).not.toContain('pg:0');
    expect(readPageData('pg:2')).toBe(2);
    expect(readPageData('nav.back')).toBeNull();
    expect(readPageData('country.SY')).toBeNull();
  });

  it('counts a page in rows: two columns hold twice the choices (nineteen languages on one screen)', () => {
    const languages = { ...message(19), columns: 2 };
    const shown = data(keyboardRows(languages, 0));
    // Ten rows of languages (the last with one) and the navigation row: no pager.
    expect(shown).toHaveLength(11);
    expect(shown[0]).toEqual(['c1', 'c2']);
    expect(shown[9]).toEqual(['c19']);
    expect(shown.at(-1)).toEqual(['nav.back', 'nav.menu']);
  });

  it('queues a message with its first page and an order key per chat', () => {
    const item = toOutboxItem({ channelUserId: '42' }, message(20));
    expect(item).toMatchObject({ kind: 'telegram.message', orderKey: 'telegram:42', payload: { chatId: 42, parts: ['Pick one'] } });
  });

  it('every choice id in the flows fits Telegram callback data (1-64 bytes)', () => {
    for (const flow of realContent().flows.values()) {
      for (const node of Object.values(flow.nodes)) {
        if (node.type !== 'choice') continue;
        for (const choice of node.choices) expect(Buffer.byteLength(choice.id)).toBeLessThanOrEqual(64);
      }
    }
  });
});

describe('long messages', () => {
  it('leaves a message that fits alone', () => {
    expect(splitHtml('<b>short</b>')).toEqual(['<b>short</b>']);
  });

  it('cuts at line breaks, closing and reopening tags, each part valid and within the limit', () => {
    const line = (i: number) => `<b>Line ${i}</b> ${'&amp; '.repeat(20)}<a href="https://example.org/${i}">link</a>`;
    const html = `<i>${Array.from({ length: 200 }, (_, i) => line(i)).join('\n')}</i>`;
    const parts = splitHtml(html, 1000);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) {
      const parsed = parseTelegramHtml(part);
      expect(parsed.problems).toEqual([]);
      expect(parsed.text.length).toBeLessThanOrEqual(1000);
      expect(part.startsWith('<i>')).toBe(true);
    }
    expect(parts.map((p) => parseTelegramHtml(p).text).join('')).toBe(parseTelegramHtml(html).text);
  });

  it('cuts a text without breaks anywhere, but never inside an emoji or an entity', () => {
    const html = `${'😀'.repeat(3000)}&amp;`;
    const parts = splitHtml(html);
    expect(parts).toHaveLength(2);
    for (const part of parts) expect(parseTelegramHtml(part).problems).toEqual([]);
    expect(visibleLength(parts[0] ?? '')).toBe(4096);
    expect(parts.join('')).toBe(html);
  });
});

describe('editing a sent message', () => {
  it('turns Telegram text and entities back into the HTML that was sent', () => {
    for (const html of [
      '<b>Before we start</b>\nIt is <i>free</i> &amp; <a href="https://example.org/?a=1&amp;b=2">yours</a>.',
      'مرحبًا <b>⁨أحمد⁩</b> 😀 <code>AVR-2026-000001</code>',
      '<b>bold <i>both</i></b><i> italic</i> plain &lt;tag&gt;',
    ]) {
      const parsed = parseTelegramHtml(html);
      const again = messageHtml(parsed.text, parsed.entities);
      expect(parseTelegramHtml(again)).toEqual(parsed);
    }
  });

  it('marks the chosen answer, escaped, with the arrow towards the text', () => {
    expect(answerMark('A & <B>', 'ltr')).toBe('\n\n→ <b>A &amp; &lt;B&gt;</b>');
    expect(answerMark('نعم', 'rtl')).toBe('\n\n← <b>نعم</b>');
  });
});

describe('reading text', () => {
  const languages = realContent().languages;
  it('reads commands with what Telegram may add, and /language with a language', () => {
    expect(readText('hello', languages)).toEqual({ kind: 'text', text: 'hello' });
    expect(readText('/start', languages)).toEqual({ kind: 'command', command: 'start' });
    expect(readText('/start@avrr_bot', languages)).toEqual({ kind: 'command', command: 'start' });
    expect(readText('/start campaign-1', languages)).toEqual({ kind: 'command', command: 'start' });
    expect(readText('/Status', languages)).toEqual({ kind: 'command', command: 'status' });
    expect(readText('/language ar', languages)).toEqual({ kind: 'command', command: 'set_language:ar' });
    expect(readText('/language Bosanski', languages)).toEqual({ kind: 'command', command: 'set_language:bs' });
    expect(readText('/language hr', languages)).toEqual({ kind: 'command', command: 'set_language:bs' });
    expect(readText('/language klingon', languages)).toEqual({ kind: 'command', command: 'language' });
    expect(readText('/ not a command', languages)).toEqual({ kind: 'text', text: '/ not a command' });
  });
});

describe('the webhook secret', () => {
  it('matches only the exact secret', async () => {
    expect(await secretMatches('s3cret', 's3cret')).toBe(true);
    expect(await secretMatches('s3cret ', 's3cret')).toBe(false);
    expect(await secretMatches('', 's3cret')).toBe(false);
    expect(await secretMatches(undefined, 's3cret')).toBe(false);
    expect(await secretMatches('anything', undefined)).toBe(false);
    // The longest secret Telegram allows, a difference in its last character, and a longer header.
    const longest = 'a'.repeat(255) + 'b';
    expect(await secretMatches(longest, longest)).toBe(true);
    expect(await secretMatches('a'.repeat(256), longest)).toBe(false);
    expect(await secretMatches(longest + 'x', longest)).toBe(false);
    expect(await secretMatches('s3creT', 's3cret')).toBe(false);
  });
});
