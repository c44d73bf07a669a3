/**
 * Texts as the strictest messenger will take them: its HTML parse mode accepts only a few tags and rejects a bare
 * `<` or `&`; a message holds 4096 characters and a button label 64.
 */
import type { Content, Issue } from './content.js';
import type { LocaleModel } from './check-locales.js';
import { localeFile, placeholders, SOURCE_LANGUAGE } from './check-locale-index.js';

export const MESSAGE_LIMIT = 4096;
export const BUTTON_LIMIT = 64;
/** Tags our texts may use: the common subset of the channels' HTML (easy to map to every channel). */
export const ALLOWED_TAGS = ['b', 'i', 'u', 's', 'code', 'a'] as const;

const TAG = /^<(\/?)([a-zA-Z][a-zA-Z0-9-]*)([^<>]*)>/;
const ENTITY = /^&(lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);/;
const HREF = /^\s+href\s*=\s*("[^"<>]*"|'[^'<>]*')\s*$/;

/** Problems a messenger's HTML parse mode would reject, and the text as the user sees it. */
export function parseHtml(text: string): { problems: string[]; visible: string } {
  const problems: string[] = [];
  const open: string[] = [];
  let visible = '';
  for (let i = 0; i < text.length; ) {
    const rest = text.slice(i);
    if (rest.startsWith('<')) {
      const m = TAG.exec(rest);
      if (!m) {
        problems.push('a bare "<" (write &lt;)');
        visible += '<';
        i += 1;
        continue;
      }
      const [whole, slash, rawName = '', attrs = ''] = m;
      const name = rawName.toLowerCase();
      i += whole.length;
      if (!(ALLOWED_TAGS as readonly string[]).includes(name)) {
        problems.push(`<${slash}${name}> is not allowed (only ${ALLOWED_TAGS.map((t) => (t === 'a' ? '<a href="...">' : `<${t}>`)).join(' ')})`);
      } else if (slash) {
        if (attrs.trim()) problems.push(`</${name}> cannot have attributes`);
        if (open.at(-1) === name) open.pop();
        else problems.push(open.length ? `</${name}> closes <${open.at(-1)}>` : `</${name}> has no opening tag`);
      } else {
        if (name === 'a' ? !HREF.test(attrs) : attrs.trim() !== '') {
          problems.push(name === 'a' ? '<a> needs exactly one attribute, href="..."' : `<${name}> cannot have attributes`);
        }
        open.push(name);
      }
      continue;
    }
    if (rest.startsWith('&')) {
      const m = ENTITY.exec(rest);
      if (!m) problems.push('a bare "&" (write &amp;)');
      visible += m ? 'x' : '&';
      i += m ? m[0].length : 1;
      continue;
    }
    visible += text[i];
    i += 1;
  }
  for (const name of open.reverse()) problems.push(`<${name}> is never closed`);
  return { problems, visible };
}

/** The targets of a text's links (`<a href="...">`). */
export function linkTargets(text: string): string[] {
  return [...text.matchAll(/<a\s+href\s*=\s*("([^"<>]*)"|'([^'<>]*)')/gi)].map((m) => m[2] ?? m[3] ?? '');
}

/** Length as the user sees it; RTL texts get two invisible isolate marks around each variable. */
export function renderedLength(visible: string, rtl: boolean): number {
  return visible.length + (rtl ? 2 * placeholders(visible).length : 0);
}

export function checkTexts(content: Content, model: LocaleModel): Issue[] {
  const issues: Issue[] = [];
  const rtl = new Set(content.languages.filter((l) => l.dir === 'rtl').map((l) => l.tag));
  for (const tag of model.tags) {
    for (const ns of model.index.namespaces(tag)) {
      const file = localeFile(tag, ns);
      for (const entry of model.index.file(tag, ns)?.values() ?? []) {
        const button = model.buttons.has(`${ns}:${entry.key}`);
        for (const [key, text] of entry.texts) {
          if (button) {
            if (/<\/?[a-zA-Z][^<>]*>|&[#a-zA-Z0-9]+;/.test(text)) {
              issues.push({ file, message: `key "${key}": a button label is plain text: no HTML tags or entities` });
            }
            const length = renderedLength(text, rtl.has(tag));
            if (length > BUTTON_LIMIT) {
              issues.push({ file, message: `key "${key}": a button label is ${length} characters (at most ${BUTTON_LIMIT})` });
            }
            continue;
          }
          const { problems, visible } = parseHtml(text);
          for (const problem of new Set(problems)) issues.push({ file, message: `key "${key}": ${problem}` });
          // A translation may not send people somewhere the English text does not: links are copied, never added.
          if (tag !== SOURCE_LANGUAGE) {
            const english = [...(model.index.get(SOURCE_LANGUAGE, ns, entry.key)?.texts.values() ?? [])].flatMap(linkTargets);
            for (const href of new Set(linkTargets(text).filter((h) => !english.includes(h)))) {
              issues.push({ file, message: `key "${key}": links to "${href}", which the English text does not (a translation keeps the English links)` });
            }
          }
          const length = renderedLength(visible, rtl.has(tag));
          if (length > MESSAGE_LIMIT) {
            issues.push({ file, message: `key "${key}": the message is ${length} characters without tags (at most ${MESSAGE_LIMIT})` });
          }
        }
      }
    }
  }
  return issues;
}
