/**
 * The browser side of the web chat, bundled by esbuild into `/chat.js` (see ../build-client.ts).
 * No framework: the page is server-rendered (page.tsx) and this wires it up.
 */
import { Chat } from './chat.js';
import { findElements, readTexts } from './elements.js';
import { clearAndLeave, forgetOnReturn } from './leave.js';
import { createStore, TOKEN_KEY } from './store.js';

function main(): void {
  const els = findElements(document);
  if (!els || !window.fetch || !window.crypto) return;
  const store = createStore({ session: () => window.sessionStorage, local: () => window.localStorage });
  const chat = new Chat(document, els, readTexts(els.root), store, document.documentElement.lang);
  const { log, form, input, picker, restart, leave } = els;

  leave?.addEventListener('click', (e) => {
    e.preventDefault();
    clearAndLeave(document, chat, leave.href);
  });
  forgetOnReturn(document, () => store.load(TOKEN_KEY) !== null);

  log.addEventListener('click', (e) => {
    const target = e.target instanceof Element ? e.target.closest('button') : null;
    if (target && !target.disabled && log.contains(target)) chat.press(target);
  });

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    input.value = '';
    chat.submit(text);
  });

  picker?.addEventListener('change', () => {
    const tag = picker.value;
    // The conversation keeps its token; only the page chrome reloads in the new language.
    void chat.send({ language: tag }).then((reply) => {
      // replace, not assign: the tab's history keeps one chat page, which "Clear and leave" replaces.
      if (reply) window.location.replace(`${window.location.pathname}?lang=${encodeURIComponent(tag)}`);
      else picker.value = chat.pageLang;
    });
  });

  restart?.addEventListener('click', (e) => {
    e.preventDefault();
    const question = readTexts(els.root).confirmRestart;
    if (question && !window.confirm(question)) return;
    chat.forget();
    void chat.send({ command: 'start', language: chat.pageLang });
  });

  void chat.open();
}

main();
