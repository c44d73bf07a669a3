import { webcrypto } from 'node:crypto';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { CLIENT_SCRIPT } from '../../../src/channels/web/client-script.js';
import { FakeElement, fakeDocument } from './fake-dom.js';
import { setup } from './fixtures.js';

interface Call {
  url: string;
  body: Record<string, unknown> | null;
}

/** Runs chat.js against the real app, with `fetch` going to `app.request` in-process. */
function boot(options: { storage?: Map<string, string>; server?: ReturnType<typeof setup> } = {}) {
  const server = options.server ?? setup();
  const { app, service } = server;
  const { document, byId } = fakeDocument('en', { error: 'Could not send', menu: 'Main menu' });
  const storage = options.storage ?? new Map<string, string>();
  const calls: Call[] = [];
  let failures = 0;
  const assigned: string[] = [];
  const fetch = async (url: string, init: { method?: string; body?: string } = {}) => {
    calls.push({ url, body: init.body ? (JSON.parse(init.body) as Record<string, unknown>) : null });
    inFlight += 1;
    try {
      if (init.method === 'POST' && failures > 0) {
        failures -= 1;
        throw new TypeError('Failed to fetch');
      }
      return await app.request(url, init);
    } finally {
      // The script reads the body after fetch resolves: count it done a few turns later (settle).
      inFlight -= 1;
    }
  };
  const window = {
    fetch,
    crypto: webcrypto,
    localStorage: {
      getItem: (k: string) => storage.get(k) ?? null,
      setItem: (k: string, v: string) => void storage.set(k, v),
      removeItem: (k: string) => void storage.delete(k),
    },
    location: { pathname: '/', assign: (url: string) => assigned.push(url) },
    confirm: () => true,
  };
  runInNewContext(CLIENT_SCRIPT, {
    window,
    document,
    fetch,
    Element: FakeElement,
    DOMParser: class {
      parseFromString(html: string) {
        return { body: { textContent: html.replace(/<[^>]*>/g, '') } };
      }
    },
    setTimeout: (f: () => void) => f(),
    encodeURIComponent,
    Uint8Array,
    JSON,
    Math,
    String,
    Object,
    Promise,
  });
  const log = byId.get('log') as FakeElement;
  /** The next `n` POSTs fail as a dropped connection would. */
  const failNext = (n: number) => void (failures = n);
  return { server, service, byId, log, calls, storage, assigned, failNext };
}

let inFlight = 0;
/** Waits until no request is in flight and the script had a few turns to handle the last answer. */
async function settle(): Promise<void> {
  const turn = () => new Promise((r) => setImmediate(r));
  let quiet = 0;
  for (let i = 0; i < 10_000 && quiet < 20; i++) {
    await turn();
    quiet = inFlight === 0 ? quiet + 1 : 0;
  }
}
const posts = (calls: Call[]) => calls.filter((c) => c.body);

describe('chat.js', () => {
  it('keeps a random token and starts the conversation when the history is empty', async () => {
    const storage = new Map<string, string>();
    const { service, calls, log } = boot({ storage });
    await settle();
    expect(calls[0]?.url).toMatch(/^\/api\/chat\/history\?token=[0-9a-f]{48}&lang=en$/);
    expect(storage.get('webchat.token')).toMatch(/^[0-9a-f]{48}$/);
    expect(posts(calls)[0]?.body).toMatchObject({ token: storage.get('webchat.token'), command: 'start', language: 'en' });
    expect(service.envelopes[0]?.inbound).toEqual({ kind: 'command', command: 'start' });
    expect(log.children).toHaveLength(1);
    expect(log.children[0]?.lang).toBe('en');
  });

  it('does not send start again when there is a history', async () => {
    const storage = new Map<string, string>();
    const { server } = boot({ storage });
    await settle();
    const again = boot({ storage, server });
    await settle();
    expect(posts(again.calls)).toHaveLength(0);
    expect(again.log.children).toHaveLength(1);
  });

  it('"start over" forgets the token and starts with a new one', async () => {
    const { calls, byId, storage, service, log } = boot();
    await settle();
    const first = storage.get('webchat.token');
    byId.get('restart')?.dispatch('click');
    await settle();
    expect(posts(calls)[1]?.body).toMatchObject({ command: 'start', language: 'en' });
    expect(storage.get('webchat.token')).not.toBe(first);
    expect(service.envelopes[1]?.channelUserId).not.toBe(service.envelopes[0]?.channelUserId);
    expect(log.children).toHaveLength(1);
  });

  it('renders buttons, disables them after one press and sends the choice', async () => {
    const { calls, log, service } = boot();
    await settle();
    const buttons = log.querySelectorAll('button');
    expect(buttons.map((b) => b.textContent)).toEqual(['Yes', 'Back']);
    buttons[0]?.click();
    expect(buttons.every((b) => b.disabled)).toBe(true);
    await settle();
    expect(posts(calls)[1]?.body).toMatchObject({ choice: 'yes' });
    expect(service.envelopes[1]?.inbound).toEqual({ kind: 'choice', id: 'yes' });
    const user = log.children.find((c) => c.className === 'msg user');
    expect(user?.children[1]?.text).toBe('Yes');
    expect(user?.children[1]?.html).toBeNull();
  });

  it('retries once after a network failure with the same id', async () => {
    const { calls, byId, service, failNext } = boot();
    await settle();
    failNext(1);
    const input = byId.get('text') as FakeElement;
    input.value = '<img src=x onerror=alert(1)>';
    byId.get('composer')?.dispatch('submit');
    await settle();
    const sent = posts(calls).filter((c) => c.body?.text);
    expect(sent).toHaveLength(2);
    expect(sent[0]?.body?.id).toBe(sent[1]?.body?.id);
    expect(service.envelopes.filter((e) => e.inbound.kind === 'text')).toHaveLength(1);
    expect(byId.get('alert')?.hidden).toBe(true);
  });

  it('shows the error and gives the text back when the retry fails too', async () => {
    const { byId, log, failNext } = boot();
    await settle();
    failNext(2);
    const input = byId.get('text') as FakeElement;
    input.value = 'hello';
    byId.get('composer')?.dispatch('submit');
    await settle();
    expect(byId.get('alert')?.hidden).toBe(false);
    expect(byId.get('alert')?.text).toBe('Could not send');
    expect(input.value).toBe('hello');
    expect(log.children.some((c) => c.className === 'msg user')).toBe(false);
    expect(log.querySelectorAll('button').every((b) => !b.disabled)).toBe(true);
  });

  it('sends a language change alone and reloads the page in that language', async () => {
    const { byId, calls, assigned, service } = boot();
    await settle();
    const picker = byId.get('lang') as FakeElement;
    picker.value = 'ar';
    picker.dispatch('change');
    await settle();
    expect(posts(calls)[1]?.body).toMatchObject({ language: 'ar' });
    expect(posts(calls)[1]?.body).not.toHaveProperty('command');
    expect(service.envelopes[1]?.inbound).toEqual({ kind: 'command', command: 'set_language:ar' });
    expect(assigned).toEqual(['/?lang=ar']);
  });

  it('restores the buttons of the last question after a reload', async () => {
    const storage = new Map<string, string>();
    const { server } = boot({ storage });
    await settle();
    const again = boot({ storage, server });
    await settle();
    expect(posts(again.calls)).toHaveLength(0);
    expect(again.log.querySelectorAll('button').map((b) => b.textContent)).toEqual(['Yes', 'Back']);
  });

  it('offers a main-menu button when the last question cannot be restored', async () => {
    const storage = new Map<string, string>();
    const { server } = boot({ storage });
    await settle();
    storage.delete('webchat.last');
    const again = boot({ storage, server });
    await settle();
    const buttons = again.log.querySelectorAll('button');
    expect(buttons.map((b) => b.textContent)).toEqual(['Main menu']);
    buttons[0]?.click();
    await settle();
    expect(posts(again.calls)[0]?.body).toMatchObject({ command: 'menu' });
  });
});
