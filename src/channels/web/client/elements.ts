/** The parts of the page the script works with (ids from page.tsx), and the texts it shows. */

export interface Texts {
  error: string;
  /** Shown when the server asks the page to slow down (429). */
  slowDown: string;
  confirmRestart: string;
  menu: string;
  you: string;
  assistant: string;
}

export interface Elements {
  root: HTMLElement;
  log: HTMLElement;
  form: HTMLFormElement;
  input: HTMLInputElement;
  alert: HTMLElement | null;
  picker: HTMLSelectElement | null;
  restart: HTMLElement | null;
  leave: HTMLAnchorElement | null;
}

/** The page's elements, or null when the page is not the chat page (nothing to do then). */
export function findElements(doc: Document): Elements | null {
  const root = doc.getElementById('chat');
  const log = doc.getElementById('log');
  const form = doc.getElementById('composer');
  const input = doc.getElementById('text');
  if (!root || !log || !(form instanceof HTMLFormElement) || !(input instanceof HTMLInputElement)) return null;
  const picker = doc.getElementById('lang');
  const leave = doc.getElementById('leave');
  return {
    root,
    log,
    form,
    input,
    alert: doc.getElementById('alert'),
    picker: picker instanceof HTMLSelectElement ? picker : null,
    restart: doc.getElementById('restart'),
    leave: leave instanceof HTMLAnchorElement ? leave : null,
  };
}

/** Page texts come from `data-*` attributes on #chat, already in the page's language. */
export function readTexts(root: HTMLElement): Texts {
  const data = root.dataset;
  return {
    error: data['error'] ?? '',
    slowDown: data['slowDown'] ?? data['error'] ?? '',
    confirmRestart: data['confirmRestart'] ?? '',
    menu: data['menu'] ?? '',
    you: data['you'] ?? '',
    assistant: data['assistant'] ?? '',
  };
}
