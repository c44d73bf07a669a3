/**
 * Text for Slack. Slack's mrkdwn needs only `&`, `<` and `>` escaped; anything else a person typed
 * (`<!channel>`, `<@U1>`) would become a mention or a link. Our locale texts are safe HTML
 * (b, i, u, s, code, a): they are converted, not shown as tags.
 */
import { plainText } from '../../i18n/html.js';
import type { Translator } from '../../i18n/translator.js';

export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const MARKS: Record<string, string> = { b: '*', strong: '*', i: '_', em: '_', s: '~', code: '`', u: '' };

/** Our safe HTML as Slack mrkdwn. */
export function htmlToMrkdwn(html: string): string {
  let out = '';
  const links: Array<{ start: number; href: string }> = [];
  for (const m of html.matchAll(/<(\/?)([a-z]+)([^>]*)>|([^<]+)/gi)) {
    const [, close, name = '', attrs = '', text] = m;
    if (text !== undefined) {
      out += escapeMrkdwn(plainText(text));
      continue;
    }
    const tag = name.toLowerCase();
    if (tag !== 'a') {
      out += MARKS[tag] ?? '';
    } else if (!close) {
      const href = /href\s*=\s*(?:"([^"]*)"|'([^']*)')/i.exec(attrs);
      links.push({ start: out.length, href: escapeMrkdwn(plainText(href?.[1] ?? href?.[2] ?? '')) });
    } else {
      const link = links.pop();
      if (link) out = `${out.slice(0, link.start)}<${link.href}|${out.slice(link.start)}>`;
    }
  }
  return out;
}

/**
 * Counsellor-facing text from locale keys (English: the counsellors' working language). Values are
 * escaped; `raw` values (mentions `<@U1>`, dates `<!date^...>`) are built by us and kept as they are.
 */
export class SlackText {
  constructor(
    private readonly translator: Translator,
    readonly language = 'en',
  ) {}

  /** A mrkdwn string. */
  md(key: string, params: Record<string, string | number> = {}, raw: Record<string, string> = {}): string {
    const tokens: Record<string, string> = {};
    const values = new Map<string, string>();
    let i = 0;
    for (const [name, value] of Object.entries(params)) {
      const token = `\uE000${i++}\uE001`;
      tokens[name] = token;
      values.set(token, escapeMrkdwn(String(value)));
    }
    for (const [name, value] of Object.entries(raw)) {
      const token = `\uE000${i++}\uE001`;
      tokens[name] = token;
      values.set(token, value);
    }
    const md = htmlToMrkdwn(this.translator.t(this.language, key, tokens));
    return md.replace(/\uE000\d+\uE001/g, (token) => values.get(token) ?? '');
  }

  /** A plain_text string (buttons, headers, options): shown literally by Slack, so not escaped. */
  plain(key: string, params: Record<string, string | number> = {}): string {
    return plainText(this.translator.t(this.language, key, params));
  }
}

/**
 * What a counsellor typed in Slack, as plain text for the person: links shown with their address,
 * mentions as names, Slack's escapes undone. Formatting marks (*bold*) are left as typed.
 */
export function slackToPlain(text: string): string {
  return text
    .replace(/<([^<>|]+)\|([^<>]*)>/g, (_, target: string, label: string) => (/^(https?:|mailto:)/.test(target) ? `${label} (${target.replace(/^mailto:/, '')})` : label))
    .replace(/<([^<>]+)>/g, (_, target: string) => {
      if (target.startsWith('@') || target.startsWith('#')) return target;
      if (target.startsWith('!')) return `@${target.slice(1).split('^')[0] ?? ''}`;
      return target.replace(/^mailto:/, '');
    })
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
