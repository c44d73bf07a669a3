/**
 * Builds the log's items. Bot HTML is the server's safe HTML; whatever the person typed is only ever
 * set as textContent.
 */
import type { BotMessage, Choice } from './wire.js';

/** Links in bot messages open elsewhere and only to web, mail and phone addresses. */
function safeLinks(el: HTMLElement): void {
  for (const link of Array.from(el.querySelectorAll('a'))) {
    const href = link.getAttribute('href') ?? '';
    if (!/^(https?:|mailto:|tel:)/i.test(href)) link.removeAttribute('href');
    link.setAttribute('rel', 'noopener noreferrer');
    link.setAttribute('target', '_blank');
  }
}

/** "You:" / "Assistant:" for screen readers. */
function hidden(doc: Document, text: string): HTMLElement {
  const span = doc.createElement('span');
  span.className = 'visually-hidden';
  span.textContent = `${text} `;
  return span;
}

export function buttonRow(doc: Document, list: readonly Choice[], className: string, columns: number): HTMLElement {
  const box = doc.createElement('div');
  box.className = className;
  box.setAttribute('data-cols', String(Math.max(1, Math.min(4, columns || 1))));
  for (const choice of list) {
    const button = doc.createElement('button');
    button.type = 'button';
    button.textContent = choice.text;
    if (choice.command !== undefined) button.setAttribute('data-command', choice.command);
    else button.setAttribute('data-choice', choice.id ?? '');
    box.appendChild(button);
  }
  return box;
}

export class LogView {
  constructor(
    private readonly doc: Document,
    readonly log: HTMLElement,
    private readonly labels: { you: string; assistant: string },
  ) {}

  /** A bot bubble without buttons. */
  botItem(html: string, language: string, dir: string): HTMLElement {
    const li = this.doc.createElement('li');
    li.className = 'msg bot';
    if (language) li.lang = language;
    li.dir = dir || 'auto';
    li.appendChild(hidden(this.doc, this.labels.assistant));
    const bubble = this.doc.createElement('div');
    bubble.className = 'bubble';
    bubble.innerHTML = html; // safe HTML rendered and escaped by the server
    safeLinks(bubble);
    li.appendChild(bubble);
    this.log.appendChild(li);
    return li;
  }

  botMessage(m: BotMessage): HTMLElement {
    const li = this.botItem(m.html, m.language, m.dir);
    if (m.choices.length) li.appendChild(buttonRow(this.doc, m.choices, 'choices', m.columns));
    if (m.nav.length) li.appendChild(buttonRow(this.doc, m.nav, 'nav', m.nav.length));
    return li;
  }

  userMessage(text: string): HTMLElement {
    const li = this.doc.createElement('li');
    li.className = 'msg user';
    li.dir = 'auto';
    li.appendChild(hidden(this.doc, this.labels.you));
    const bubble = this.doc.createElement('div');
    bubble.className = 'bubble';
    bubble.textContent = text;
    li.appendChild(bubble);
    this.log.appendChild(li);
    return li;
  }

  /** Disables every enabled button in the log and returns them, to enable again after a failure. */
  disableButtons(): HTMLButtonElement[] {
    const list = Array.from(this.log.querySelectorAll<HTMLButtonElement>('button:not(:disabled)'));
    for (const b of list) b.disabled = true;
    return list;
  }

  clear(): void {
    this.log.textContent = '';
  }
}

export function enable(list: readonly HTMLButtonElement[]): void {
  for (const b of list) b.disabled = false;
}

/** Scrolls a new answer into view; moves focus to its first button only when focus was nowhere. */
export function reveal(li: HTMLElement | null, focusButton: boolean): void {
  if (!li) return;
  li.scrollIntoView({ block: 'start' });
  const first = li.querySelector('button');
  if (focusButton && first) first.focus({ preventScroll: true });
}

/** Plain text of the server's HTML (the person's own words come back escaped in the history). */
export function decode(html: string): string {
  return new DOMParser().parseFromString(html, 'text/html').body.textContent ?? '';
}
