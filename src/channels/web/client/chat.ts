/**
 * The conversation on the page: sends what the person types or presses, one request at a time, and
 * shows the answers. On a failure the person gets their text back and the buttons work again.
 */
import type { Elements, Texts } from './elements.js';
import { apiUrl, requestJson } from './http.js';
import { randomHex } from './random.js';
import { decode, enable, LogView, buttonRow, reveal } from './render.js';
import { LAST_KEY, TOKEN_KEY, type Store } from './store.js';
import { readBotMessage, readHistory, readMessages, type BotMessage, type HistoryItem } from './wire.js';

/** What one message to the server carries besides the token and the message id. */
export type Fields = { text: string } | { choice: string } | { command: string; language?: string } | { language: string };

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{22,64}$/;

export class Chat {
  private readonly view: LogView;
  private queue: Promise<unknown> = Promise.resolve();
  private pending = 0;

  constructor(
    private readonly doc: Document,
    private readonly els: Elements,
    private readonly texts: Texts,
    private readonly store: Store,
    readonly pageLang: string,
  ) {
    this.view = new LogView(doc, els.log, texts);
  }

  /** The conversation's token: the stored one, or a new random one. */
  token(): string {
    let token = this.store.load(TOKEN_KEY);
    if (!token || !TOKEN_SHAPE.test(token)) {
      token = randomHex(24);
      this.store.save(TOKEN_KEY, token);
    }
    return token;
  }

  /** Forgets the conversation on this page: its token, its last question and what the log shows. */
  forget(): void {
    this.store.forget(TOKEN_KEY);
    this.store.forget(LAST_KEY);
    this.view.clear();
  }

  showAlert(text: string): void {
    const box = this.els.alert;
    if (!box) return;
    box.textContent = text;
    box.hidden = false;
  }

  hideAlert(): void {
    if (this.els.alert) this.els.alert.hidden = true;
  }

  busy(delta: number): void {
    this.pending += delta;
    this.els.log.setAttribute('aria-busy', this.pending > 0 ? 'true' : 'false');
  }

  private setInputKind(kind: string | null): void {
    if (kind === 'number') this.els.input.setAttribute('inputmode', 'numeric');
    else this.els.input.removeAttribute('inputmode');
  }

  private render(messages: readonly BotMessage[]): void {
    let first: HTMLElement | null = null;
    let last: HTMLElement | null = null;
    for (const m of messages) {
      last = this.view.botMessage(m);
      first ??= last;
      this.setInputKind(m.input);
    }
    const newest = messages[messages.length - 1];
    if (newest) this.store.save(LAST_KEY, JSON.stringify(newest));
    const active = this.doc.activeElement;
    const focusLost = !active || active === this.doc.body;
    reveal(first, focusLost && first === last);
  }

  /** Sends one message; resolves with the reply's messages, or null after telling the person it failed. */
  send(fields: Fields): Promise<BotMessage[] | null> {
    const init: RequestInit = {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: this.token(), id: randomHex(16), ...fields }),
      cache: 'no-store',
    };
    this.busy(1);
    this.hideAlert();
    const result = this.queue
      .then(() => requestJson(apiUrl('/api/chat/messages', this.pageLang), init))
      .then(
        (body) => {
          const messages = readMessages(body);
          this.render(messages);
          return messages;
        },
        () => {
          this.showAlert(this.texts.error);
          return null;
        },
      )
      .then((messages) => {
        this.busy(-1);
        return messages;
      });
    this.queue = result;
    return result;
  }

  /** A pressed button: shown as the person's answer, sent, taken back if sending failed. */
  press(button: HTMLButtonElement): void {
    const disabled = this.view.disableButtons();
    button.classList.add('chosen');
    const echo = this.view.userMessage(button.textContent ?? '');
    const command = button.getAttribute('data-command');
    const fields: Fields = command ? { command } : { choice: button.getAttribute('data-choice') ?? '' };
    void this.send(fields).then((reply) => {
      if (reply) return;
      echo.remove();
      button.classList.remove('chosen');
      enable(disabled);
    });
  }

  /** Typed text: the input is emptied at once and refilled if sending failed. */
  submit(text: string): void {
    const input = this.els.input;
    const disabled = this.view.disableButtons();
    const echo = this.view.userMessage(text);
    echo.scrollIntoView({ block: 'nearest' });
    void this.send({ text }).then((reply) => {
      if (reply) return;
      echo.remove();
      enable(disabled);
      if (!input.value) input.value = text;
    });
  }

  /** The transcript after a reload; the buttons of the open question come back from storage. */
  showHistory(messages: readonly HistoryItem[]): void {
    let lastOut = -1;
    messages.forEach((m, i) => {
      if (m.direction === 'out') lastOut = i;
    });
    const cached = this.cachedLast();
    let li: HTMLElement | null = null;
    messages.forEach((m, i) => {
      if (m.direction === 'in') {
        li = this.view.userMessage(decode(m.html));
      } else if (i === lastOut && i === messages.length - 1 && cached && cached.html === m.html) {
        li = this.view.botMessage(cached);
        this.setInputKind(cached.input);
      } else {
        li = this.view.botItem(m.html, '', 'auto');
        if (i === messages.length - 1 && this.texts.menu) {
          li.appendChild(buttonRow(this.doc, [{ text: this.texts.menu, command: 'menu' }], 'nav', 1));
        }
      }
    });
    (li as HTMLElement | null)?.scrollIntoView({ block: 'end' });
  }

  private cachedLast(): BotMessage | null {
    try {
      return readBotMessage(JSON.parse(this.store.load(LAST_KEY) ?? 'null'));
    } catch {
      return null;
    }
  }

  /** Opening the page: the conversation so far, or a new one. */
  async open(): Promise<void> {
    this.busy(1);
    try {
      // The token travels in the body, never in the URL (proxy and CDN logs keep URLs).
      const body = await requestJson(apiUrl('/api/chat/history', this.pageLang), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: this.token() }),
        cache: 'no-store',
      });
      const messages = readHistory(body);
      if (messages.length) this.showHistory(messages);
      else void this.send({ command: 'start', language: this.pageLang });
    } catch {
      this.showAlert(this.texts.error);
    }
    this.busy(-1);
  }
}
