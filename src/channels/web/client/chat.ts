/**
 * The conversation on the page: sends what the person types or presses, one request at a time, and
 * shows the answers. On a failure the person gets their text back and the buttons work again.
 */
import type { Elements, Texts } from './elements.js';
import { apiUrl, HttpError, requestJson } from './http.js';
import { randomHex } from './random.js';
import { decode, enable, LogView, buttonRow, reveal } from './render.js';
import { LAST_KEY, TOKEN_KEY, type Store } from './store.js';
import { readBotMessage, readHistory, readMessages, readToken, type BotMessage, type HistoryItem } from './wire.js';

/** What one message to the server carries besides the token and the message id. */
export type Fields = { text: string } | { choice: string } | { command: string; language?: string } | { language: string };

const post = (body?: unknown): RequestInit => ({
  method: 'POST',
  ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  cache: 'no-store',
});

/** 401: the server did not sign this token (an old page's own token, or the server's key changed). */
const refused = (error: unknown): boolean => error instanceof HttpError && error.status === 401;

export class Chat {
  private readonly view: LogView;
  private queue: Promise<unknown> = Promise.resolve();
  private pending = 0;
  private startedAgain = false;
  private left = false;

  constructor(
    private readonly doc: Document,
    private readonly els: Elements,
    private readonly texts: Texts,
    private readonly store: Store,
    readonly pageLang: string,
  ) {
    this.view = new LogView(doc, els.log, texts);
  }

  /** The conversation's token: the stored one, or a new one issued by the server. */
  private async token(): Promise<string> {
    const stored = this.store.load(TOKEN_KEY);
    if (stored) return stored;
    const token = readToken(await requestJson(apiUrl('/api/chat/session', this.pageLang), post()));
    if (!token) throw new Error('the server issued no token');
    this.store.save(TOKEN_KEY, token);
    return token;
  }

  /** Forgets the conversation on this page: its token, its last question and what the log shows. */
  forget(): void {
    this.store.forget(TOKEN_KEY);
    this.store.forget(LAST_KEY);
    this.view.clear();
  }

  /** "Clear and leave": forgets everything and sends nothing more, whatever is still on its way. */
  leave(): void {
    this.left = true;
    this.store.seal();
    this.view.clear();
    this.els.input.value = '';
    this.hideAlert();
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

  /** One message to the server and its answer shown; the caller queues it. */
  private async exchange(fields: Fields): Promise<BotMessage[]> {
    if (this.left) return [];
    // The id is fixed before the first try: a retry repeats it and the server does not act twice.
    const body = { token: await this.token(), id: randomHex(16), ...fields };
    if (this.left) return [];
    const messages = readMessages(await requestJson(apiUrl('/api/chat/messages', this.pageLang), post(body)));
    if (this.left) return [];
    this.render(messages);
    return messages;
  }

  /** Runs `work` after everything queued before it, one request at a time, with the log marked busy. */
  private enqueue<T>(work: () => Promise<T>): Promise<T | null> {
    if (this.left) return Promise.resolve(null);
    this.busy(1);
    this.hideAlert();
    const result = this.queue
      .then(work)
      .then(
        (value) => value,
        (error: unknown) => {
          if (refused(error) && !this.startedAgain) this.startAgain();
          else this.showAlert(error instanceof HttpError && error.status === 429 ? this.texts.slowDown : this.texts.error);
          return null;
        },
      )
      .then((value) => {
        this.busy(-1);
        // After "Clear and leave" nothing that was on its way counts: callers act on nothing.
        return this.left ? null : value;
      });
    this.queue = result;
    return result;
  }

  /** Sends one message; resolves with the reply's messages, or null after a failure (told) or leaving. */
  send(fields: Fields): Promise<BotMessage[] | null> {
    return this.enqueue(() => this.exchange(fields));
  }

  /**
   * The server refused the token: this page's conversation cannot go on. A new one starts (the
   * person's unsent text goes back into the input, as after any failure).
   */
  private startAgain(): void {
    // Once per page: a server that refuses the tokens it has just issued gets the error, not a loop.
    this.startedAgain = true;
    this.forget();
    void this.send({ command: 'start', language: this.pageLang });
  }

  /** A pressed button: shown as the person's answer, sent, taken back if sending failed. */
  press(button: HTMLButtonElement): void {
    const disabled = this.view.disableButtons();
    button.classList.add('chosen');
    const echo = this.view.userMessage(button.textContent ?? '');
    const command = button.getAttribute('data-command');
    const fields: Fields = command ? { command } : { choice: button.getAttribute('data-choice') ?? '' };
    void this.send(fields).then((reply) => {
      if (reply || this.left) return;
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
      if (reply || this.left) return;
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
  open(): Promise<unknown> {
    return this.enqueue(async () => {
      const token = this.store.load(TOKEN_KEY);
      if (token) {
        try {
          // The token travels in the body, never in the URL (proxy and CDN logs keep URLs).
          const messages = readHistory(await requestJson(apiUrl('/api/chat/history', this.pageLang), post({ token })));
          if (this.left) return;
          if (messages.length) {
            this.showHistory(messages);
            return;
          }
        } catch (error) {
          if (!refused(error)) throw error;
          this.forget();
        }
      }
      await this.exchange({ command: 'start', language: this.pageLang });
    });
  }
}
