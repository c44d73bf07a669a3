/**
 * "Clear and leave", as on domestic-violence websites: one tap empties the page, forgets the
 * conversation in this browser (session and local storage, memory) and replaces the page with an
 * everyday one. `location.replace`, so the Back button does not come back to the chat.
 */
import type { Chat } from './chat.js';

/** Empties the document at once: nothing stays on screen while the next page loads (or if it cannot). */
export function wipe(doc: Document): void {
  doc.title = '';
  doc.body.textContent = '';
}

export function clearAndLeave(doc: Document, chat: Chat, to: string): void {
  chat.leave();
  wipe(doc);
  window.location.replace(to);
}

/**
 * A page the browser brings back from its back-forward cache shows the conversation as it was,
 * even after "Clear and leave" forgot it: then it is emptied and loaded afresh.
 */
export function forgetOnReturn(doc: Document, stillKnown: () => boolean): void {
  window.addEventListener('pageshow', (event) => {
    if (!event.persisted || stillKnown()) return;
    wipe(doc);
    window.location.reload();
  });
}
