/**
 * The real app with Slack on, talking to a fake Slack Web API over loopback, with a clock the test
 * moves (outbox retries become due). The migrant side is the web chat (same conversation service).
 */
import { join } from 'node:path';
import { createApp, type Built } from '../../../src/app.js';
import { createCipher, createStores, type Database } from '../../../src/db/index.js';
import { parseEnv } from '../../../src/env.js';
import type { Role } from '../../../src/conversation/case-model.js';
import type { Logger } from '../../../src/log.js';
import { NOW, realContent, root, TEST_KEY, UNLIMITED } from '../../support/app.js';
import { chatHistory, newChatToken } from '../web/api-client.js';
import { BOT_TOKEN, HANDOFF_CHANNEL, SIGNING_SECRET, type FakeSlack, type SlackMessage, type SlackRequest } from '../../support/fake-slack/index.js';

export interface Harness {
  built: Built;
  fake: FakeSlack;
  stores: ReturnType<typeof createStores>;
  now(): Date;
  advance(ms: number): void;
  /** Sends a (signed) request to POST /slack/events. */
  slack(request: SlackRequest): Promise<Response>;
  /** Waits for work after acks, then delivers everything due. */
  settle(): Promise<void>;
  logs: Array<{ level: string; message: string; data?: Record<string, unknown> }>;
}

/** The Slack team of the fake's requests. */
export const TEAM = 'T1';

/**
 * Slack users linked to dashboard users in every harness (the app acts only for linked staff):
 * counsellors, one marked for protection work, and a coordinator. Anyone else is not staff.
 */
export const STAFF: Record<string, { role: Role; protection?: boolean }> = {
  UCOUNS1: { role: 'counsellor' },
  UOTHER2: { role: 'counsellor' },
  UCOUNS7: { role: 'counsellor' },
  UCOUNS9: { role: 'counsellor', protection: true },
  UCOORD1: { role: 'coordinator' },
};

export async function slackHarness(database: Database, fake: FakeSlack, env: Record<string, string> = {}): Promise<Harness> {
  let now = new Date(NOW);
  const parsed = parseEnv({
    DATA_ENCRYPTION_KEY: TEST_KEY,
    ...UNLIMITED,
    PGLITE_DIR: join(root, '.data', 'unused'),
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.url,
    SLACK_HANDOFF_CHANNEL: HANDOFF_CHANNEL,
    SLACK_TEAM_ID: TEAM,
    ...env,
  });
  const stores = createStores(database, await createCipher(TEST_KEY), { clock: () => now });
  const logs: Harness['logs'] = [];
  const log: Logger = { log: (level, message, data) => void logs.push({ level, message, ...(data ? { data } : {}) }) };
  const built = createApp({ env: parsed, content: realContent(), stores, log, clock: () => now });
  for (const [slackUserId, { role, protection }] of Object.entries(STAFF)) {
    const { user } = await stores.dashboard.auth.upsertUser({ email: `${slackUserId.toLowerCase()}@example.org`, role, slackUserId }, now);
    if (protection) await stores.dashboard.auth.updateUser(user.id, { protection: true }, now);
  }
  const harness: Harness = {
    built,
    fake,
    stores,
    logs,
    now: () => now,
    advance(ms) {
      now = new Date(now.getTime() + ms);
    },
    slack: async (request) => built.app.request('/slack/events', { method: 'POST', headers: request.headers, body: request.body }),
    async settle() {
      await built.idle();
      for (let i = 0; i < 10 && (await built.worker.run()) > 0; i++) await built.idle();
      await built.idle();
    },
  };
  return harness;
}

/** A person in the web chat. */
export class WebMigrant {
  /** Issued by the server on the first message (empty before). */
  token = '';
  private next = 1;

  constructor(private readonly h: Harness) {}

  async send(input: { text?: string; choice?: string; command?: string; language?: string }): Promise<Array<{ key: string; html: string }>> {
    this.token ||= await newChatToken(this.h.built.app);
    const res = await this.h.built.app.request('/api/chat/messages', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: this.token, id: `${this.token.slice(0, 8)}-${this.next++}`, ...input }),
    });
    if (res.status !== 200) throw new Error(`web chat answered ${res.status}: ${await res.text()}`);
    return ((await res.json()) as { messages: Array<{ key: string; html: string }> }).messages;
  }

  /** Consents in a language and asks for a counsellor: a `question` case. */
  async askForCounsellor(language = 'en'): Promise<void> {
    await this.send({ text: 'hi' });
    await this.send({ choice: language });
    await this.send({ choice: 'agree' });
    await this.send({ choice: 'counsellor' });
  }

  async history(): Promise<Array<{ direction: 'in' | 'out'; html: string }>> {
    return chatHistory(this.h.built.app, this.token);
  }

  async lastOut(): Promise<string> {
    const out = (await this.history()).filter((m) => m.direction === 'out');
    return out[out.length - 1]?.html ?? '';
  }
}

/** The card of a case in the handoff channel. */
export function cardOf(fake: FakeSlack, reference: string): SlackMessage {
  const card = fake.topLevel(HANDOFF_CHANNEL).find((m) => m.metadata?.event_payload['reference'] === reference);
  if (!card) throw new Error(`no card for ${reference}`);
  return card;
}

export function actionBlockId(reference: string): string {
  return `case:${reference}`;
}
