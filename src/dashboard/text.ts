/**
 * The dashboard's words come from the `dashboard` locale namespace (locales/<tag>/dashboard.json),
 * never from code. Values are plain text: JSX escapes them when the page is rendered.
 */
import type { Translator } from '../i18n/translator.js';

export const NAMESPACE = 'dashboard';

export interface Text {
  /** `t('nav.queue')`, `t('queue.total', { count: 3 })`. */
  (key: string, params?: Record<string, string | number>): string;
  /** Whether the key exists (for keys built from data: statuses, outcomes, flash messages). */
  has(key: string): boolean;
  /** The key's text when it exists, else `fallback`. */
  or(key: string, fallback: string): string;
  language: string;
  dir: 'ltr' | 'rtl';
}

export function dashboardText(translator: Translator, language: string): Text {
  const t = ((key: string, params: Record<string, string | number> = {}) =>
    translator
      .label(language, `${NAMESPACE}:${key}`)
      .replace(/\{\{\s*([A-Za-z_]\w*)\s*\}\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole))) as Text;
  t.has = (key) => translator.has(language, `${NAMESPACE}:${key}`) || translator.has('en', `${NAMESPACE}:${key}`);
  t.or = (key, fallback) => (t.has(key) ? t(key) : fallback);
  t.language = language;
  t.dir = translator.dir(language);
  return t;
}
