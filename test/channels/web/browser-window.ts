/**
 * The real page (GET / of the web chat app) in a happy-dom window, with the bundled chat.js run in
 * it and `fetch` going to `app.request` in-process. What a test checks is what a browser would do
 * with what the server sends, short of layout (test/browser/ covers that in Chromium).
 */
import { Window } from 'happy-dom';
import { CLIENT_SCRIPT } from '../../../src/channels/web/client-bundle.js';
import { setup } from './fixtures.js';

export interface Call {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: Record<string, unknown> | null;
}

type Server = ReturnType<typeof setup>;

export interface Booted {
  server: Server;
  window: Window;
  document: Window['document'];
  log: HTMLElement;
  byId(id: string): HTMLElement;
  calls: Call[];
  /** Where the page navigated to with location.assign / replace / reload. */
  navigations: Array<{ how: 'assign' | 'replace' | 'reload'; url: string }>;
  /** The next `n` requests fail as a dropped connection would. */
  failNext(n: number): void;
  /** Waits until no request is in flight and the page had a few turns to handle the last answer. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

export interface BootOptions {
  server?: Server;
  /** The page language (`/?lang=`). */
  lang?: string;
  /** A reload: storage is carried over from this page, as a browser keeps it for the tab. */
  after?: Booted;
  /** With `after`: the site opened in a new tab, which gets localStorage but not sessionStorage. */
  newTab?: boolean;
  /** False: return while the page is still opening (requests in flight). */
  settled?: boolean;
  /** What `window.confirm` answers. */
  confirm?: boolean;
  /** Answers a request instead of the app when it returns a response (a server misbehaving). */
  respond?: (url: string) => Response | undefined;
}

const open: Window[] = [];

/** Opens the chat page and runs chat.js in it. */
export async function boot(options: BootOptions = {}): Promise<Booted> {
  const server = options.server ?? options.after?.server ?? setup();
  const html = await (await server.app.request(`/?lang=${options.lang ?? 'en'}`)).text();
  const window = new Window({
    url: 'http://localhost/',
    settings: {
      // chat.js is run below from the bundle the app serves; nothing is loaded over the network.
      enableJavaScriptEvaluation: true,
      suppressInsecureJavaScriptEnvironmentWarning: true,
      disableJavaScriptFileLoading: true,
      handleDisabledFileLoadingAsSuccess: true,
      disableCSSFileLoading: true,
      navigation: { disableMainFrameNavigation: true },
    },
  });
  open.push(window);
  for (const area of options.newTab ? (['localStorage'] as const) : (['localStorage', 'sessionStorage'] as const)) {
    const before = options.after?.window[area];
    for (let i = 0; before && i < before.length; i++) {
      const key = before.key(i);
      if (key !== null) window[area].setItem(key, before.getItem(key) ?? '');
    }
  }

  const calls: Call[] = [];
  const navigations: Booted['navigations'] = [];
  let failures = 0;
  let inFlight = 0;
  const fetch = async (url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) => {
    calls.push({
      url,
      method: init.method ?? 'GET',
      headers: init.headers ?? {},
      body: init.body ? (JSON.parse(init.body) as Record<string, unknown>) : null,
    });
    inFlight += 1;
    try {
      if (failures > 0) {
        failures -= 1;
        throw new TypeError('Failed to fetch');
      }
      return options.respond?.(url) ?? (await server.app.request(url, init));
    } finally {
      inFlight -= 1;
    }
  };
  Object.assign(window, {
    fetch,
    confirm: () => options.confirm ?? true,
    // The one-second wait before a retry, without the second.
    setTimeout: (f: () => void) => setImmediate(f),
  });
  Object.assign(window.location, {
    assign: (url: string) => void navigations.push({ how: 'assign', url }),
    replace: (url: string) => void navigations.push({ how: 'replace', url }),
    reload: () => void navigations.push({ how: 'reload', url: window.location.href }),
  });

  window.document.write(html);
  window.eval(CLIENT_SCRIPT);

  const document = window.document;
  const byId = (id: string): HTMLElement => {
    const el = document.getElementById(id);
    if (!el) throw new Error(`no #${id} on the page`);
    return el as unknown as HTMLElement;
  };
  const log = byId('log');
  const settle = async (): Promise<void> => {
    const turn = () => new Promise((resolve) => setImmediate(resolve));
    let quiet = 0;
    // Bounded by time, not turns: on a busy machine one request can take many thousand turns.
    const deadline = Date.now() + 10_000;
    while (quiet < 20 && Date.now() < deadline) {
      await turn();
      quiet = inFlight === 0 && log.getAttribute('aria-busy') !== 'true' ? quiet + 1 : 0;
    }
  };
  if (options.settled !== false) await settle();
  return {
    server,
    window,
    document,
    log,
    byId,
    calls,
    navigations,
    failNext: (n) => void (failures = n),
    settle,
    close: () => window.happyDOM.close(),
  };
}

/** Closes every window opened since the last call (afterEach). */
export async function closeAll(): Promise<void> {
  await Promise.all(open.splice(0).map((w) => w.happyDOM.close()));
}

/** The messages the page sent (POST /api/chat/messages), in order. */
export const sent = (calls: readonly Call[]): Call[] => calls.filter((c) => c.url.startsWith('/api/chat/messages'));

/** The buttons in the log, by label. */
export const buttons = (log: HTMLElement): HTMLButtonElement[] => Array.from(log.querySelectorAll('button'));
export const labels = (log: HTMLElement): string[] => buttons(log).map((b) => b.textContent ?? '');
