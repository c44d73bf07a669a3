/**
 * Erasure that erases (the security review's H3): after /delete, no personal field, free-text
 * answer, staff reason or note, relayed word or chat id is left anywhere: every column of every
 * table is scanned (what is encrypted is decrypted first), and so are Slack's messages.
 */
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Staff } from '../../src/conversation/case-model.js';
import { createCipher } from '../../src/db/index.js';
import { SEALED_KEYS, sealContext, type SealedColumn } from '../../src/db/sealed.js';
import { TEST_KEY } from '../support/app.js';
import { useTestDatabase } from '../support/db.js';
import { actionRequest, FakeSlack, HANDOFF_CHANNEL, type SlackMessage } from '../support/fake-slack/index.js';
import { FakeTelegram, FakeUser, TelegramChat } from '../support/fake-telegram/index.js';
import { actionBlockId, slackHarness, type Harness } from '../channels/slack/harness.js';

const database = useTestDatabase();
const SECRET = 'test-webhook-secret_1';
const COUNSELLOR = 'UCOUNS1';
const coordinator: Staff = { id: 'user:erasure-coordinator', name: 'c@example.org', role: 'coordinator', protection: true, actorIds: ['user:erasure-coordinator'] };
let slack: FakeSlack;
let telegram: FakeTelegram;

beforeAll(async () => {
  [slack, telegram] = await Promise.all([FakeSlack.start(), FakeTelegram.start()]);
});
afterAll(async () => {
  await Promise.all([slack.stop(), telegram.close()]);
});
afterEach(() => {
  expect(slack.violations).toEqual([]);
  expect(telegram.violations).toEqual([]);
});

const MARKERS = ['Markergiven', 'Markerfamily', 'Markertown', 'Markerplace', 'Markerlive', 'Markerreason', 'Markernote', 'Markerservice'];

async function setup(): Promise<Harness> {
  return slackHarness(database(), slack, { TELEGRAM_BOT_TOKEN: telegram.token, TELEGRAM_WEBHOOK_SECRET: SECRET, TELEGRAM_API_ROOT: telegram.apiRoot });
}

/** Someone on Telegram applies (markers in every free text and name), asks about services, and a counsellor claims the case. */
async function applicant(h: Harness): Promise<{ chat: TelegramChat; reference: string; card: SlackMessage }> {
  const chat = new TelegramChat(h.built.app, telegram, new FakeUser(telegram, 'en'), SECRET);
  await chat.text('/start');
  await chat.press('en');
  await chat.press('agree');
  await chat.press('intake');
  const steps: Array<[kind: 'press' | 'text', value: string]> = [
    ['press', 'migrant'], ['press', 'no'], ['press', 'no'], ['press', 'no'], ['text', '30'], ['press', 'none'], ['press', 'ba'],
    ['text', 'Pakistan'], ['press', 'own'], ['press', 'no'], ['press', 'no'], ['press', 'no'], ['press', 'no'],
    ['press', 'valid_passport'], ['press', 'agree'], ['press', 'no'], ['press', 'no'], ['press', 'no'], ['press', 'apply'],
    ['text', 'Markergiven'], ['text', 'Markerfamily'], ['press', 'male'], ['press', 'known'], ['text', '31.12.1995'], ['text', 'Markertown'],
    ['press', 'lipa'], ['text', 'Markerplace'], ['text', '0'], ['press', 'job'], ['press', 'done'], ['press', 'chat'],
    ['press', 'yes'], ['press', 'no'], ['press', 'send'],
  ];
  for (const [kind, value] of steps) await (kind === 'press' ? chat.press(value) : chat.text(value));
  await h.settle();
  const card = slack.topLevel(HANDOFF_CHANNEL).filter((m) => m.metadata?.event_type === 'avrr_case').at(-1);
  if (!card) throw new Error('no card');
  const reference = String(card.metadata?.event_payload['reference']);
  await h.slack(actionRequest(COUNSELLOR, { action_id: 'case.claim', block_id: actionBlockId(reference), value: reference }, card, h.now()));
  await h.settle();
  // The person's own words go to the counsellor's thread.
  await chat.text('Markerlive: I am in the tent behind the station');
  // Staff write about the person: a status reason and a note.
  await h.built.workflow.setStatus(reference, 'in_review', coordinator, 'Markerreason: told us about her husband');
  const view = await h.stores.cases.byReference(reference);
  await h.stores.dashboard.cases.addNote(view!.id, coordinator.id, 'Markernote: call her sister', h.now());
  await h.stores.dashboard.audit.record({ actorId: null, actor: 'test', action: 'case.status', target: reference, data: { reason: 'Markerreason in an old audit entry' } }, h.now());
  // A typed place in the services flow (free text, asked without a case).
  await chat.text('/menu');
  await chat.press('services');
  await chat.press('ba');
  await chat.text('Markerservice');
  await h.settle();
  return { chat, reference, card };
}

/** Every value in every table, decrypted where it can be, as one text per row. */
async function everything(): Promise<string[]> {
  const cipher = await createCipher(TEST_KEY);
  const { db } = database();
  const rowsOf = (result: unknown): Array<Record<string, unknown>> =>
    (Array.isArray(result) ? result : (result as { rows: Array<Record<string, unknown>> }).rows) as Array<Record<string, unknown>>;
  const tables = rowsOf(await db.execute(sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`)).map((r) => String(r['table_name']));
  expect(tables).toEqual(expect.arrayContaining(['contacts', 'cases', 'case_events', 'case_notes', 'transcript_messages', 'outbox', 'audit_log', 'slack_cards', 'telegram_messages', 'pending_news']));
  const texts: string[] = [];
  for (const table of tables) {
    for (const row of rowsOf(await db.execute(sql.raw(`select row_to_json(t)::text as j from "${table}" t`)))) {
      let text = String(row['j']);
      const fields = JSON.parse(text) as Record<string, unknown>;
      // Every sealed value opened with the context it is bound to (src/db/sealed.ts).
      for (const [column, keyColumn] of Object.entries(SEALED_KEYS)) {
        const [sealedTable, sealedColumn] = column.split('.') as [string, string];
        if (sealedTable !== table) continue;
        const data = fields['data'] as Record<string, unknown> | undefined;
        const value = fields[sealedColumn] ?? data?.[sealedColumn];
        if (typeof value === 'string') text += ' ' + (await cipher.decrypt(value, sealContext(column as SealedColumn, String(fields[keyColumn]))));
      }
      texts.push(`${table}: ${text}`);
    }
  }
  return texts;
}

describe('erasure', () => {
  it('leaves no marker and no chat id in any table, and none of the bot’s copies in Slack', async () => {
    const h = await setup();
    const { chat } = await applicant(h);
    const before = await everything();
    // The markers are really there before (else the scan proves nothing).
    for (const marker of MARKERS) expect(before.some((t) => t.includes(marker)), marker).toBe(true);
    expect(before.some((t) => t.includes(String(chat.user.id)))).toBe(true);
    expect(JSON.stringify(slack.messages)).toContain('Markerlive');

    await chat.text('/delete');
    await chat.press('erase');
    await h.settle();

    const after = await everything();
    for (const marker of MARKERS) expect(after.filter((t) => t.includes(marker)), marker).toEqual([]);
    expect(after.filter((t) => t.includes(String(chat.user.id)))).toEqual([]);
    const bots = slack.messages.filter((m) => m.user !== COUNSELLOR);
    for (const marker of MARKERS) expect(JSON.stringify(bots), marker).not.toContain(marker);
    expect(JSON.stringify(slack.messages)).not.toContain(String(chat.user.id));
    // /status from the same chat starts afresh: no case to show.
    const status = await chat.text('/status');
    expect(JSON.stringify(status.sent)).not.toContain('AVR-');
  }, 120_000);

  it('keeps only what a journey already being organised needs, and says so in the thread', async () => {
    const h = await setup();
    const { chat, reference, card } = await applicant(h);
    await h.built.workflow.setStatus(reference, 'approved', coordinator);
    await chat.text('/delete');
    await chat.press('erase');
    await h.settle();
    const view = await h.stores.cases.byReference(reference);
    expect(view?.personal).toMatchObject({ given_names: 'Markergiven', family_name: 'Markerfamily', date_of_birth: '1995-12-31' });
    expect(Object.keys(view?.personal ?? {}).sort()).toEqual(expect.arrayContaining(Object.keys(view?.personal ?? {}).filter((k) => ['given_names', 'family_name', 'date_of_birth', 'phone'].includes(k))));
    expect(Object.keys(view?.personal ?? {}).every((k) => ['given_names', 'family_name', 'date_of_birth', 'phone'].includes(k))).toBe(true);
    expect(view?.answers).toEqual({});
    const after = (await everything()).join('\n');
    for (const marker of ["Markertown", "Markerplace", "Markerlive", "Markerreason", "Markernote"]) expect(after.split("\n").filter((l) => l.includes(marker)).map((l) => l.slice(0, 400)), marker).toEqual([]);
    expect(slack.thread(card.channel, card.ts).at(-1)?.text).toContain('only their name, date of birth');
    // Still reachable: the counsellor can organise the journey.
    expect(view?.contact.channelUserId).toBe(String(chat.user.id));
  }, 120_000);
});
