/**
 * Answers belong to the path that asked them (issue 10, item 7), declining the health questions
 * does not block an application, and what the returnee and protection paths show comes from the
 * sourced data: on the real service and database.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { InboundEnvelope } from '../../src/conversation/index.js';
import { useTestDatabase } from '../support/db.js';
import { testApp, type TestApp } from '../support/app.js';

const database = useTestDatabase();

function envelope(user: string, step: string): InboundEnvelope {
  return {
    channel: 'web',
    channelUserId: user,
    updateId: randomUUID(),
    inbound: step.startsWith('#') ? { kind: 'choice', id: step.slice(1) } : { kind: 'text', text: step },
    ...(step.startsWith('#') ? {} : { text: step }),
    languageHint: 'en',
    receivedAt: new Date(),
  };
}

async function say(app: TestApp, user: string, ...steps: string[]): Promise<string[]> {
  const keys: string[] = [];
  for (const step of steps) keys.push(...(await app.service.handle(envelope(user, step))).messages.map((m) => m.key));
  return keys;
}

interface Opened {
  reference: string;
  answers: Record<string, unknown>;
  outcome: string | null;
  rules: string[];
}

/** The cases opened while `run` ran (every test of this file shares one database). */
async function casesOpenedBy(app: TestApp, run: () => Promise<unknown>): Promise<Opened[]> {
  const references = async (): Promise<string[]> =>
    (await app.stores.dashboard.queue.list({ status: 'open' }, 'oldest', { offset: 0, limit: 100 })).rows.map((r) => r.reference);
  const before = new Set(await references());
  await run();
  const opened: Opened[] = [];
  for (const reference of (await references()).filter((r) => !before.has(r))) {
    const detail = await app.stores.dashboard.cases.detail(reference, 0);
    opened.push({ reference, answers: detail!.answers, outcome: detail!.outcome, rules: detail!.rules });
  }
  return opened;
}

const consent = ['hi', '#en', '#agree'];
// A migrant from Pakistan in BiH with nothing in the way, up to the health and family consent.
const migrantUpToSensitive = ['#no', '#no', '#no', '30', '#none', '#ba', 'Pakistan', '#own', '#no', '#no', '#no', '#no', '#valid_passport'];
const form = ['Amir', 'Khan', '#male', '#not_known', 'Bihać', '#lipa', 'Lahore', '0', '#job', '#done', '#chat', '#yes', '#no', '#send'];

describe('answers belong to the path that asked them', () => {
  it('a "returnee" who is a foreigner is asked no war-zone question, and the new track starts without the old answers', async () => {
    const app = await testApp(database());
    const user = randomUUID();
    const keys = await say(app, user, ...consent, '#intake', '#returnee', '#no', '#ba', 'Syria');
    // Citizenship comes before anything about where they came back from, and for a foreigner nothing more.
    expect(keys).not.toContain('returnee:ask_where_from');
    expect(keys).not.toContain('returnee:ask_returned_from_conflict_zone');
    expect(keys.at(-1)).toBe('intake:not_a_returnee');
    const [opened] = await casesOpenedBy(app, () => say(app, user, '#foreigner', ...migrantUpToSensitive, '#agree', '#no', '#no', '#no', '#apply', ...form));
    const answers = opened!.answers;
    expect(answers['track']).toBe('migrant');
    expect(answers).not.toHaveProperty('returned_from_conflict_zone');
    expect(answers).not.toHaveProperty('returned_from');
  });

  it('a returnee who first took the foreigners\' track keeps none of its answers', async () => {
    const app = await testApp(database());
    const user = randomUUID();
    // Halfway through the foreigners' questions (no to danger and forced work), then back to the
    // start as a citizen who came back from Syria: the protection handoff (R6b) opens a case.
    await say(app, user, ...consent, '#intake', '#migrant', '#no', '#no');
    const [opened] = await casesOpenedBy(app, () =>
      say(app, user, '/menu', '#returnee', '#no', '#ba', 'Bosnia and Herzegovina', '#syria_iraq', '#yes'),
    );
    const { answers, rules } = opened!;
    expect(rules).toEqual(['R6b']);
    expect(answers).toMatchObject({ track: 'returnee', returned_from: 'syria_iraq', returned_from_conflict_zone: true });
    expect(answers).not.toHaveProperty('forced_work_or_debt');
    expect(answers).not.toHaveProperty('fear_of_return');
  });

  it('asks a returnee from Germany nothing about war zones', async () => {
    const app = await testApp(database());
    const user = randomUUID();
    const keys = await say(app, user, ...consent, '#returnee', '#no', '#rs', 'Srbija', '#germany_eu');
    expect(keys).not.toContain('returnee:ask_returned_from_conflict_zone');
    expect(keys.slice(-2)).toEqual(['returnee:welcome_back', 'returnee:topics']);
  });
});

describe('declining the health and family questions', () => {
  it('still lets the person apply: the case goes to a counsellor\'s review without those answers', async () => {
    const app = await testApp(database());
    const user = randomUUID();
    const keys = await say(app, user, ...consent, '#intake', '#migrant', ...migrantUpToSensitive, '#decline');
    expect(keys).toContain('intake:review');
    const [opened] = await casesOpenedBy(app, () => say(app, user, '#apply', ...form));
    const { answers, outcome, rules } = opened!;
    expect(outcome).toBe('COUNSELLOR_REVIEW');
    expect(rules).toEqual([]);
    expect(answers['sensitive_declined']).toBe(true);
    expect(answers).not.toHaveProperty('medical_needs');
    expect(answers['help_wanted']).toEqual(['job']);
  });
});
