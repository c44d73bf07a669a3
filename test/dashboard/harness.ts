/**
 * The real app on a test database, driven like a browser: a cookie jar, forms posted with the page's
 * CSRF token, sign-in through a one-time link. Cases are made directly in the store unless a test
 * is about the bot making them.
 */
import { changeCase } from '../support/cases.js';
import { randomBytes } from 'node:crypto';
import type { Hono } from 'hono';
import type { CaseRecord, NewCase } from '../../src/conversation/ports.js';
import type { Role } from '../../src/dashboard/index.js';
import type { Database } from '../../src/db/index.js';
import { NOW, testApp, type TestApp } from '../support/app.js';

export { NOW };

/** A browser for `app.request()`: keeps cookies, follows nothing (tests look at each answer). */
export class Agent {
  readonly cookies = new Map<string, string>();
  /** The CSRF token of the last page that had a form. */
  csrf = '';

  constructor(readonly app: Hono) {}

  private header(): Record<string, string> {
    return this.cookies.size ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {};
  }

  private keep(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (value === '' || /max-age=0/i.test(line) || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async get(path: string): Promise<Response & { html: string }> {
    const res = await this.app.request(path, { headers: this.header() });
    this.keep(res);
    const html = await res.text();
    const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
    if (token) this.csrf = token;
    return Object.assign(res, { html });
  }

  /** Posts a form; the CSRF token is added unless `_csrf` is given (use '' to leave it out). */
  async post(path: string, form: Record<string, string> = {}): Promise<Response & { html: string }> {
    const body = new URLSearchParams({ _csrf: this.csrf, ...form });
    if (body.get('_csrf') === '') body.delete('_csrf');
    const res = await this.app.request(path, {
      method: 'POST',
      headers: { ...this.header(), 'content-type': 'application/x-www-form-urlencoded' },
      body: body.toString(),
    });
    this.keep(res);
    return Object.assign(res, { html: await res.text() });
  }
}

/** The path of a sign-in link (`http://localhost:8787/admin/login/<token>` -> `/admin/login/<token>`). */
export function pathOf(link: string): string {
  return new URL(link).pathname;
}

/** Signs in through a fresh link: GET shows the button, POST signs in. Returns the agent. */
export async function signIn(t: TestApp, email: string, role: Role): Promise<Agent> {
  const { link } = await t.dashboard.addUser({ email, role }, 'test');
  const agent = new Agent(t.app);
  const page = await agent.get(pathOf(link));
  if (page.status !== 200) throw new Error(`sign-in page answered ${page.status}`);
  const res = await agent.post(pathOf(link));
  if (res.status !== 303) throw new Error(`sign-in answered ${res.status}: ${res.html.slice(0, 200)}`);
  await agent.get('/admin');
  return agent;
}

export interface SeedOptions extends Partial<NewCase> {
  createdAt?: Date;
  assignee?: string;
  transcript?: string[];
}

/** A case made directly in the store, as the bot would have made it, with one transcript line. */
export async function seedCase(t: Pick<TestApp, 'stores' | 'storesAt'>, options: SeedOptions = {}): Promise<CaseRecord> {
  const at = options.createdAt ?? NOW;
  const key = { channel: 'web' as const, channelUserId: randomBytes(16).toString('hex') };
  const created = await t.storesAt(at).conversations.withContact(key, async (tx) => {
    await tx.setLanguage(options.language ?? 'en');
    await tx.setConsent({ notice: '2026-11', at: at.toISOString(), purposes: ['counselling'], sensitive: true });
    const record = await tx.createCase(
      {
        kind: 'application',
        queue: 'avrr',
        outcome: 'COUNSELLOR_REVIEW',
        urgent: false,
        rules: ['R14'],
        route: null,
        rulesVersion: 'rules@2026-11-23.1+destinations@1',
        language: 'en',
        nationality: 'AF',
        returnCountry: 'AF',
        hostCountry: 'BA',
        answers: { danger_now: false, age: 27, identity_document: 'none' },
        personal: { full_name: 'Ahmad Karimi', date_of_birth: '1999-03-01' },
        ...options,
      },
    );
    await tx.addCaseEvent(record.id, { kind: 'created', actor: 'migrant', data: { channel: 'web' } });
    await tx.appendTranscript((options.transcript ?? ['I want to go home']).map((text) => ({ direction: 'in' as const, text })));
    return record;
  });
  if (options.assignee) return changeCase(t, created.id, { assignee: options.assignee }, at);
  return created;
}

export async function dashboardApp(database: Database, env: Record<string, string> = {}): Promise<TestApp> {
  return testApp(database, env);
}
