export { Translator, FALLBACK_LANGUAGE } from './translator.js';
export { escapeHtml, isolate, plainText } from './html.js';
