import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../src/flow/check-texts.js';
import { check, fixture, texts } from './fixture.js';

describe('parseHtml', () => {
  it('accepts the tags Telegram takes, entities, and placeholders', () => {
    const text = '<b>a</b> <i>b</i> <u>c</u> <s>d</s> <code>e</code> <a href="https://x.org/?a=1&amp;b=2">f</a> &lt; &amp; &#8364; &#x20AC; {{name}}';
    expect(parseHtml(text).problems).toEqual([]);
    expect(parseHtml('<b>bold</b> &amp; {{x}}').visible).toBe('bold x {{x}}');
  });

  it.each([
    ['<p>text</p>', '<p> is not allowed (only <b> <i> <u> <s> <code> <a href="...">)'],
    ['<b>open', '<b> is never closed'],
    ['close</i>', '</i> has no opening tag'],
    ['<b><i>x</b></i>', '</b> closes <i>'],
    ['1 < 2', 'a bare "<" (write &lt;)'],
    ['A & B', 'a bare "&" (write &amp;)'],
    ['&nbsp;', 'a bare "&" (write &amp;)'],
    ['<a>link</a>', '<a> needs exactly one attribute, href="..."'],
    ['<b class="x">x</b>', '<b> cannot have attributes'],
  ])('rejects %s', (text, problem) => {
    expect(parseHtml(text).problems).toContain(problem);
  });
});

describe('validateContent: texts', () => {
  it('reports HTML Telegram would reject, naming file and key', () => {
    const f = fixture();
    texts(f, 'bs', 'intake')['ask_age'] = 'Koliko <b>godina?';
    texts(f, 'ar', 'templates')['footer'] = 'شكرا & وداعا';
    expect(check(f)).toEqual([
      'locales/bs/intake.json: key "ask_age": <b> is never closed',
      'locales/ar/templates.json: key "footer": a bare "&" (write &amp;)',
    ]);
  });

  it('counts a message after stripping tags, up to 4096 characters', () => {
    const f = fixture();
    texts(f, 'en', 'welcome')['hello'] = `<b>${'x'.repeat(4096)}</b>`;
    texts(f, 'bs', 'welcome')['hello'] = `&amp;${'x'.repeat(4096)}`;
    expect(check(f)).toEqual(['locales/bs/welcome.json: key "hello": the message is 4097 characters without tags (at most 4096)']);
  });

  it('adds two isolate marks per variable in right-to-left languages', () => {
    const f = fixture();
    const long = (n: number): string => `${'x'.repeat(n)}{{a}}`; // {{a}} counts as 5
    texts(f, 'en', 'templates')['footer'] = long(4091);
    texts(f, 'bs', 'templates')['footer'] = long(4091);
    texts(f, 'ar', 'templates')['footer'] = long(4089);
    expect(check(f)).toEqual([]);
    texts(f, 'ar', 'templates')['footer'] = long(4090);
    expect(check(f)).toEqual(['locales/ar/templates.json: key "footer": the message is 4097 characters without tags (at most 4096)']);
  });

  it('keeps button labels (choice labels, yes/no, navigation) to 64 characters of plain text', () => {
    const f = fixture();
    texts(f, 'en', 'menu')['apply'] = 'a'.repeat(64);
    expect(check(f)).toEqual([]);
    texts(f, 'bs', 'menu')['apply'] = 'a'.repeat(65);
    texts(f, 'ar', 'common')['nav_menu'] = 'ب'.repeat(65);
    texts(f, 'en', 'common')['yes'] = '<b>Yes</b>';
    expect(check(f)).toEqual([
      'locales/en/common.json: key "yes": a button label is plain text: no HTML tags or entities',
      'locales/bs/menu.json: key "apply": a button label is 65 characters (at most 64)',
      'locales/ar/common.json: key "nav_menu": a button label is 65 characters (at most 64)',
    ]);
  });

  it('keeps the English links: a translation may not add or change one', () => {
    const f = fixture();
    texts(f, 'en', 'intake')['no_consent'] = 'Read <a href="https://example.org/privacy">the notice</a> first.';
    texts(f, 'bs', 'intake')['no_consent'] = 'Pročitajte <a href="https://example.org/privacy">obavještenje</a>.';
    texts(f, 'ar', 'intake')['no_consent'] = 'اقرأ <a href="https://evil.example/privacy">الإشعار</a>.';
    expect(check(f)).toEqual([
      'locales/ar/intake.json: key "no_consent": links to "https://evil.example/privacy", which the English text does not (a translation keeps the English links)',
    ]);
  });
});
