import { afterEach, describe, expect, it } from 'vitest';
import { LEAVE_URL } from '../../../src/channels/web/leave-url.js';
import { boot, buttons, closeAll, labels, sent, type Booted } from './browser-window.js';
import { locales } from './fixtures.js';

afterEach(closeAll);

const TOKEN = 'webchat.token';
const LAST = 'webchat.last';

describe('chat.js in a page', () => {
  it('asks the server for a token and starts the conversation', async () => {
    const { calls, log, window, server } = await boot();
    const token = window.sessionStorage.getItem(TOKEN);
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}\.[A-Za-z0-9_-]{43}$/);
    expect(calls.map((c) => [c.method, c.url])).toEqual([
      ['POST', '/api/chat/session?lang=en'],
      ['POST', '/api/chat/messages?lang=en'],
    ]);
    expect(calls[1]?.body).toMatchObject({ token, command: 'start', language: 'en' });
    expect(server.service.envelopes[0]?.inbound).toEqual({ kind: 'command', command: 'start' });
    expect(log.children).toHaveLength(1);
    expect((log.children[0] as HTMLElement).lang).toBe('en');
    expect(log.querySelector('.bubble')?.innerHTML).toBe('Hello <b>there</b>');
    expect(log.getAttribute('aria-busy')).toBe('false');
  });

  it('reads the history with the stored token on a reload', async () => {
    const first = await boot();
    const token = first.window.sessionStorage.getItem(TOKEN);
    const again = await boot({ after: first });
    expect(again.calls).toEqual([expect.objectContaining({ method: 'POST', url: '/api/chat/history?lang=en', body: { token } })]);
  });

  it('replaces a token the server did not sign and starts afresh', async () => {
    const first = await boot();
    first.window.sessionStorage.setItem(TOKEN, 'ab'.repeat(24));
    const again = await boot({ after: first });
    expect(again.calls.map((c) => c.url)).toEqual(['/api/chat/history?lang=en', '/api/chat/session?lang=en', '/api/chat/messages?lang=en']);
    const token = again.window.sessionStorage.getItem(TOKEN);
    expect(token).not.toBe('ab'.repeat(24));
    expect(again.calls[2]?.body).toMatchObject({ token, command: 'start' });
    expect(again.byId('alert').hidden).toBe(true);
    expect(again.log.children).toHaveLength(1);
  });

  it('keeps the token in this tab only: a new tab starts a new conversation', async () => {
    const first = await boot();
    expect(first.window.localStorage.length).toBe(0);
    const tab = await boot({ after: first, newTab: true });
    expect(tab.calls.map((c) => c.url)).toEqual(['/api/chat/session?lang=en', '/api/chat/messages?lang=en']);
    expect(tab.window.sessionStorage.getItem(TOKEN)).not.toBe(first.window.sessionStorage.getItem(TOKEN));
  });

  it('removes, unsent, the token an earlier version of the page left in localStorage', async () => {
    const first = await boot();
    first.window.localStorage.setItem(TOKEN, 'ab'.repeat(24));
    first.window.localStorage.setItem(LAST, '{"html":"old"}');
    const tab = await boot({ after: first, newTab: true });
    expect(tab.window.localStorage.length).toBe(0);
    expect(JSON.stringify(tab.calls)).not.toContain('ab'.repeat(24));
  });

  it('starts a new conversation when the server stops accepting the token, and gives the text back', async () => {
    const { window, byId, calls, log, settle } = await boot();
    window.sessionStorage.setItem(TOKEN, 'ab'.repeat(24)); // as if the server's key had changed
    const input = byId('text') as HTMLInputElement;
    input.value = 'hello';
    (byId('composer') as HTMLFormElement).requestSubmit();
    await settle();
    expect(calls.slice(2).map((c) => c.url)).toEqual(['/api/chat/messages?lang=en', '/api/chat/session?lang=en', '/api/chat/messages?lang=en']);
    expect(calls.at(-1)?.body).toMatchObject({ command: 'start' });
    expect(window.sessionStorage.getItem(TOKEN)).not.toBe('ab'.repeat(24));
    expect(input.value).toBe('hello');
    expect(log.querySelector('li.msg.user')).toBeNull();
    expect(log.children).toHaveLength(1);
  });

  it('shows the error, and does not loop, when the server refuses the tokens it issues', async () => {
    const issued = JSON.stringify({ token: `${'x'.repeat(32)}.${'y'.repeat(43)}` });
    const respond = (url: string) => (url.startsWith('/api/chat/session') ? new Response(issued, { status: 201 }) : undefined);
    const { calls, byId } = await boot({ respond });
    expect(calls.map((c) => c.url.split('?')[0])).toEqual(['/api/chat/session', '/api/chat/messages', '/api/chat/session', '/api/chat/messages']);
    expect(byId('alert').hidden).toBe(false);
  });

  it('shows the error when no token can be had', async () => {
    const { calls, byId, log } = await boot({ respond: () => new Response('{"error":{}}', { status: 503 }) });
    expect(calls).toHaveLength(1);
    expect(byId('alert').hidden).toBe(false);
    expect(log.children).toHaveLength(0);
  });

  it('never puts the token in a URL', async () => {
    const { calls, byId, settle } = await boot();
    (byId('text') as HTMLInputElement).value = 'hello';
    (byId('composer') as HTMLFormElement).requestSubmit();
    await settle();
    expect(calls.length).toBeGreaterThanOrEqual(3);
    for (const call of calls) expect(call.url).not.toMatch(/token/i);
  });

  it('does not send start again when there is a history', async () => {
    const first = await boot();
    const again = await boot({ after: first });
    expect(sent(again.calls)).toHaveLength(0);
    expect(again.log.children).toHaveLength(1);
  });

  it('"start over" asks, forgets the token and starts with a new one', async () => {
    const { calls, byId, window, server, log, settle } = await boot();
    const first = window.sessionStorage.getItem(TOKEN);
    byId('restart').click();
    await settle();
    expect(sent(calls)[1]?.body).toMatchObject({ command: 'start', language: 'en' });
    expect(window.sessionStorage.getItem(TOKEN)).not.toBe(first);
    const [a, b] = server.service.envelopes;
    expect(b?.channelUserId).not.toBe(a?.channelUserId);
    expect(log.children).toHaveLength(1);
  });

  it('"start over" does nothing when the person cancels', async () => {
    const { calls, byId, window, log, settle } = await boot({ confirm: false });
    const first = window.sessionStorage.getItem(TOKEN);
    byId('restart').click();
    await settle();
    expect(sent(calls)).toHaveLength(1);
    expect(window.sessionStorage.getItem(TOKEN)).toBe(first);
    expect(log.children).toHaveLength(1);
  });

  it('renders buttons, disables them after one press and sends the choice', async () => {
    const { calls, log, server, settle } = await boot();
    const before = buttons(log);
    expect(labels(log)).toEqual(['Yes', 'Back']);
    expect(before.map((b) => b.getAttribute('data-choice'))).toEqual(['yes', 'nav.back']);
    before[0]?.click();
    expect(before.every((b) => b.disabled)).toBe(true);
    expect(before[0]?.classList.contains('chosen')).toBe(true);
    await settle();
    expect(sent(calls)[1]?.body).toMatchObject({ choice: 'yes' });
    expect(server.service.envelopes[1]?.inbound).toEqual({ kind: 'choice', id: 'yes' });
    const user = log.querySelector('li.msg.user');
    expect(user?.querySelector('.bubble')?.textContent).toBe('Yes');
    expect(user?.querySelector('.visually-hidden')?.textContent).toBe(`${locales.en?.you} `);
  });

  it('retries once after a network failure with the same id, and shows typed HTML as text', async () => {
    const { calls, byId, log, server, failNext, settle } = await boot();
    failNext(1);
    const input = byId('text') as HTMLInputElement;
    input.value = '<img src=x onerror=alert(1)>';
    (byId('composer') as HTMLFormElement).requestSubmit();
    expect(input.value).toBe('');
    await settle();
    const texts = sent(calls).filter((c) => c.body?.['text']);
    expect(texts).toHaveLength(2);
    expect(texts[0]?.body?.['id']).toBe(texts[1]?.body?.['id']);
    expect(server.service.envelopes.filter((e) => e.inbound.kind === 'text')).toHaveLength(1);
    expect(byId('alert').hidden).toBe(true);
    const bubble = log.querySelector('li.msg.user .bubble');
    expect(bubble?.textContent).toBe('<img src=x onerror=alert(1)>');
    expect(bubble?.querySelector('img')).toBeNull();
  });

  it('shows the error and gives the text back when the retry fails too', async () => {
    const { byId, log, failNext, settle } = await boot();
    failNext(2);
    const input = byId('text') as HTMLInputElement;
    input.value = 'hello';
    (byId('composer') as HTMLFormElement).requestSubmit();
    await settle();
    expect(byId('alert').hidden).toBe(false);
    expect(byId('alert').textContent).toBe(locales.en?.error);
    expect(input.value).toBe('hello');
    expect(log.querySelector('li.msg.user')).toBeNull();
    expect(buttons(log).every((b) => !b.disabled)).toBe(true);
  });

  it('ignores an empty message', async () => {
    const { calls, byId, settle } = await boot();
    (byId('text') as HTMLInputElement).value = '   ';
    (byId('composer') as HTMLFormElement).requestSubmit();
    await settle();
    expect(sent(calls)).toHaveLength(1);
  });

  it('sends a language change alone and reloads the page in that language', async () => {
    const { byId, calls, navigations, server, window, settle } = await boot();
    const picker = byId('lang') as HTMLSelectElement;
    picker.value = 'ar';
    picker.dispatchEvent(new window.Event('change') as unknown as Event);
    await settle();
    expect(sent(calls)[1]?.body).toMatchObject({ language: 'ar' });
    expect(sent(calls)[1]?.body).not.toHaveProperty('command');
    expect(server.service.envelopes[1]?.inbound).toEqual({ kind: 'command', command: 'set_language:ar' });
    // replace: the tab's history keeps a single chat page.
    expect(navigations).toEqual([{ how: 'replace', url: '/?lang=ar' }]);
  });

  it('restores the buttons of the last question after a reload', async () => {
    const first = await boot();
    const again = await boot({ after: first });
    expect(again.calls).toHaveLength(1);
    expect(labels(again.log)).toEqual(['Yes', 'Back']);
  });

  it('offers a main-menu button when the last question cannot be restored', async () => {
    const first = await boot();
    first.window.sessionStorage.removeItem(LAST);
    const again = await boot({ after: first });
    expect(labels(again.log)).toEqual([locales.en?.menu]);
    buttons(again.log)[0]?.click();
    await again.settle();
    expect(sent(again.calls)[0]?.body).toMatchObject({ command: 'menu' });
  });

  it('lays out a right-to-left page and marks each bot message with its language', async () => {
    const { document, log } = await boot({ lang: 'ar' });
    expect([document.documentElement.lang, document.documentElement.dir]).toEqual(['ar', 'rtl']);
    expect((log.querySelector('li.msg.bot') as HTMLElement).lang).toBe('ar');
  });
});

describe('"Clear and leave"', () => {
  const everythingForgotten = (b: Booted) => {
    expect(b.window.sessionStorage.length).toBe(0);
    expect(b.window.localStorage.length).toBe(0);
    expect(b.document.body.textContent).toBe('');
    expect(b.document.title).toBe('');
    expect(b.navigations).toEqual([{ how: 'replace', url: LEAVE_URL }]);
  };

  it('is a link to an everyday page, in view, that works without the script too', async () => {
    const { byId } = await boot();
    const leave = byId('leave') as HTMLAnchorElement;
    expect(leave.getAttribute('href')).toBe(LEAVE_URL);
    expect(leave.getAttribute('rel')).toBe('noreferrer');
    expect(leave.textContent?.trim()).toBe(locales.en?.leave);
    expect(byId(leave.getAttribute('aria-describedby') ?? '').textContent?.trim()).toBe(locales.en?.privacy_note);
  });

  it('empties the page, forgets the token everywhere and replaces the page with the neutral one', async () => {
    const b = await boot();
    expect(b.window.sessionStorage.getItem(TOKEN)).toBeTruthy();
    const before = b.calls.length;
    (b.byId('leave') as HTMLAnchorElement).click();
    everythingForgotten(b);
    await b.settle();
    everythingForgotten(b);
    expect(b.calls).toHaveLength(before);
  });

  const type = (b: Booted, text: string) => {
    (b.byId('text') as HTMLInputElement).value = text;
    (b.byId('composer') as HTMLFormElement).requestSubmit();
  };
  const until = async (ready: () => boolean) => {
    const deadline = Date.now() + 10_000;
    while (!ready() && Date.now() < deadline) await new Promise((resolve) => setImmediate(resolve));
    expect(ready()).toBe(true);
  };

  it('writes nothing back when a reply arrives after it', async () => {
    const b = await boot();
    type(b, 'my name is Amina');
    await until(() => b.calls.length === 3); // the message is on its way
    b.byId('leave').click();
    await b.settle();
    everythingForgotten(b);
    expect(b.log.children).toHaveLength(0);
    expect(b.server.service.envelopes).toHaveLength(2);
  });

  it('is not undone by a language change that was on its way', async () => {
    const b = await boot();
    const picker = b.byId('lang') as HTMLSelectElement;
    picker.value = 'ar';
    picker.dispatchEvent(new b.window.Event('change') as unknown as Event);
    await until(() => b.calls.length === 3);
    b.byId('leave').click();
    await b.settle();
    everythingForgotten(b); // only the neutral page: the reply does not send the tab back to the chat
  });

  it('sends nothing that was still waiting its turn', async () => {
    const b = await boot();
    type(b, 'my name is Amina');
    b.byId('leave').click();
    await b.settle();
    everythingForgotten(b);
    expect(b.calls).toHaveLength(2);
  });

  it('keeps a token issued after it out of storage, and sends no message with it', async () => {
    const b = await boot({ settled: false }); // the page is still asking for its first token
    b.byId('leave').click();
    await b.settle();
    everythingForgotten(b);
    expect(b.calls.map((c) => c.url.split('?')[0])).toEqual(['/api/chat/session']);
    expect(b.server.service.envelopes).toHaveLength(0);
  });

  it('a chat page brought back by the Back button after it is emptied and reloaded', async () => {
    const b = await boot();
    const show = (persisted: boolean) => {
      const event = new b.window.Event('pageshow');
      Object.defineProperty(event, 'persisted', { value: persisted });
      b.window.dispatchEvent(event);
    };
    show(true); // the conversation is still known: nothing to do
    expect(b.navigations).toEqual([]);
    expect(b.log.children).toHaveLength(1);
    b.window.sessionStorage.clear(); // as "Clear and leave" in this tab did
    show(false);
    expect(b.navigations).toEqual([]);
    show(true);
    expect(b.document.body.textContent).toBe('');
    expect(b.navigations).toEqual([{ how: 'reload', url: 'http://localhost/' }]);
  });
});
