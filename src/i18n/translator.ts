import { createInstance, type i18n as I18n } from 'i18next';
import type { Content } from '../flow/content.js';
import type { Value } from '../flow/schema.js';
import { STATELESS, countryName } from '../engine/country.js';
import { escapeHtml, isolate } from './html.js';

export const FALLBACK_LANGUAGE = 'en';

/** A /command written in a text (after a space, a line start or a bracket; never inside a URL). */
const COMMAND_IN_TEXT = /(^|[\s(])(\/[a-z_]{2,32})(?![\w/])/g;

/**
 * Renders locale keys into safe HTML: interpolated values are escaped and, in right-to-left
 * languages, wrapped in Unicode isolates. Formatters: `{{x, country}}` (ISO code -> name in the
 * reader's language), `{{x, date}}` (ISO date -> local format), `{{x, status}}` (a case status) and
 * `{{x, answer}}` (a choice's value in words).
 */
export class Translator {
  private readonly i18n: I18n;
  private readonly rtl: ReadonlySet<string>;
  private readonly cldr: ReadonlyMap<string, string>;
  /** Texts without placeholders and labels, by language and key: bounded by the content's keys. */
  private readonly fixedTexts = new Map<string, string>();
  private readonly fixedKeys = new Map<string, boolean>();
  private readonly labels = new Map<string, string>();
  readonly languages: readonly string[];

  constructor(content: Content) {
    this.rtl = new Set(content.languages.filter((l) => l.dir === 'rtl').map((l) => l.tag));
    this.languages = content.languages.map((l) => l.tag);
    this.cldr = new Map(content.languages.flatMap((l) => (l.cldr ? [[l.tag, l.cldr] as const] : [])));
    this.i18n = createInstance();
    void this.i18n.init({
      initAsync: false,
      resources: content.resources,
      fallbackLng: FALLBACK_LANGUAGE,
      supportedLngs: [...this.languages],
      // Tags like sr-Cyrl are languages of their own here, not regional variants of `sr`.
      load: 'currentOnly',
      nonExplicitSupportedLngs: false,
      ns: [...new Set(Object.values(content.resources).flatMap((r) => Object.keys(r)))],
      defaultNS: 'common',
      returnNull: false,
      interpolation: { escapeValue: true, escape: escapeHtml },
    });
    // `{{citizenship, country}}`, `{{sex, answer}}`, `{{x, date}}`: see `words`.
    this.i18n.services.formatter?.add('country', (value: unknown, lng: string | undefined) => this.words(lng ?? FALLBACK_LANGUAGE, value, 'country'));
    // `{{case_status, status}}`: a status code in the reader's words (namespace case_status).
    this.i18n.services.formatter?.add('status', (value: unknown, lng: string | undefined) =>
      typeof value === 'string' && value ? this.i18n.t(`case_status:${value}`, { lng }) : '',
    );
    this.i18n.services.formatter?.add('answer', (value: unknown, lng: string | undefined) => this.words(lng ?? FALLBACK_LANGUAGE, value, 'answer'));
    // `{{companions, items(line: application:companion_line)}}`: each item of a list (the rounds of
    // a repeat) written with the `line` text, its fields as the variables; `none` when it is empty.
    this.i18n.services.formatter?.add('items', (value: unknown, lng: string | undefined, options: Record<string, unknown>) => {
      const line = typeof options['line'] === 'string' ? options['line'] : '';
      const items = Array.isArray(value) ? value.filter((i): i is Record<string, unknown> => i !== null && typeof i === 'object') : [];
      if (items.length === 0) return typeof options['none'] === 'string' ? this.i18n.t(options['none'], { lng }) : '';
      return items.map((item) => this.i18n.t(line, { ...item, lng, interpolation: { escapeValue: false } })).join('; ');
    });
    this.i18n.services.formatter?.add('date', (value: unknown, lng: string | undefined) => this.words(lng ?? FALLBACK_LANGUAGE, value, 'date'));
  }

  /**
   * A stored answer in the reader's words, plain text: `answer`, a choice's value from the `answer`
   * namespace (yes/no for true/false, each value of a list in order); `country`, an ISO code as the
   * country's name (STATELESS reads as an answer, "stateless"); `date`, an ISO date in the reader's
   * format (any other value, `not_known`, as an answer).
   */
  words(language: string, value: unknown, as: 'answer' | 'country' | 'date'): string {
    if (as === 'country') {
      if (value === STATELESS) return this.i18n.t('answer:stateless', { lng: language });
      return typeof value === 'string' && value ? countryName(value, this.locale(language)) : '';
    }
    if (as === 'date' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
      return new Intl.DateTimeFormat(this.locale(language), { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${value}T00:00:00Z`));
    }
    // The values of a multiple choice, in the order of its buttons.
    if (Array.isArray(value)) return value.map((v) => this.words(language, v, 'answer')).filter(Boolean).join('; ');
    if (typeof value === 'boolean') return this.i18n.t(value ? 'common:yes' : 'common:no', { lng: language });
    if (typeof value === 'number') return String(value);
    if (typeof value !== 'string' || value === '') return '';
    return /^[a-z][a-z0-9_]*$/.test(value) && this.i18n.exists(`answer:${value}`, { lng: language }) ? this.i18n.t(`answer:${value}`, { lng: language }) : value;
  }

  /** The locale for country names and dates in a language: its `cldr` in languages.json, or itself. */
  locale(language: string): string {
    return this.cldr.get(language) ?? language;
  }

  dir(language: string): 'ltr' | 'rtl' {
    return this.rtl.has(language) ? 'rtl' : 'ltr';
  }

  /** Whether a key exists in a language itself (not through the fallback). */
  has(language: string, key: string): boolean {
    return this.i18n.exists(key, { lng: language, fallbackLng: false });
  }

  /** Renders a key to safe HTML in a language, falling back to English per key. */
  t(language: string, key: string, params: Record<string, Value> = {}): string {
    // A text with no placeholder is the same whatever the values (the engine passes every variable
    // of the conversation) and the content does not change while running: most of a turn's texts,
    // and i18next's lookup and interpolation cost more than remembering them.
    const cacheKey = `${language}\u0000${key}`;
    const fixed = !('count' in params) && !('context' in params) && this.isFixed(language, key, cacheKey);
    if (fixed) {
      const known = this.fixedTexts.get(cacheKey);
      if (known !== undefined) return known;
    }
    const text = this.render(language, key, params);
    if (fixed) this.fixedTexts.set(cacheKey, text);
    return text;
  }

  /** Whether the text shown for this key in this language (or English's, as the fallback) has no placeholder or nesting. */
  private isFixed(language: string, key: string, cacheKey: string): boolean {
    let fixed = this.fixedKeys.get(cacheKey);
    if (fixed === undefined) {
      const colon = key.indexOf(':');
      const [ns, path] = colon < 0 ? ['common', key] : [key.slice(0, colon), key.slice(colon + 1)];
      const raw: unknown = this.i18n.getResource(language, ns, path) ?? this.i18n.getResource(FALLBACK_LANGUAGE, ns, path);
      fixed = typeof raw === 'string' && !raw.includes('{{') && !raw.includes('$t(');
      this.fixedKeys.set(cacheKey, fixed);
    }
    return fixed;
  }

  private render(language: string, key: string, params: Record<string, Value>): string {
    const rtl = this.rtl.has(language);
    const values: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(params)) values[name] = value ?? '';
    const text = this.i18n.t(key, {
      ...values,
      lng: language,
      interpolation: { escapeValue: true, escape: rtl ? (s: string) => isolate(escapeHtml(s)) : escapeHtml },
    });
    // "/language" inside Arabic-script text would show as "language/": isolate commands too.
    return rtl ? text.replace(COMMAND_IN_TEXT, (_, before: string, command: string) => before + isolate(command)) : text;
  }

  /**
   * Plain text (a button's label, a line an effect builds): no HTML, values not escaped, so it must
   * be escaped where it is put into a message (as interpolated values are).
   */
  label(language: string, key: string, params: Record<string, Value> = {}): string {
    if (Object.keys(params).length > 0) return this.i18n.t(key, { ...params, lng: language, interpolation: { escapeValue: false } });
    // A button's label without values: the same every time (the content does not change while running).
    const cacheKey = `${language}\u0000${key}`;
    const known = this.labels.get(cacheKey);
    if (known !== undefined) return known;
    const label = this.i18n.t(key, { lng: language, interpolation: { escapeValue: false } });
    this.labels.set(cacheKey, label);
    return label;
  }
}
