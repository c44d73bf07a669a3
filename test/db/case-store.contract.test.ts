/**
 * The case store contract (what Slack and the dashboard use outside a migrant's turn), and the
 * live-line additions to ContactTx: on PGlite by default, on PostgreSQL with TEST_DATABASE_URL.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ContactKey, NewCase } from '../../src/conversation/ports.js';
import { createCipher, createStores, generateKey, type Stores } from '../../src/db/index.js';
import { useTestDatabase } from '../support/db.js';

const database = useTestDatabase();
let stores: Stores;

beforeAll(async () => {
  stores = createStores(database(), await createCipher(generateKey('test')));
});

let nextUser = 0;
const newKey = (): ContactKey => ({ channel: 'telegram', channelUserId: `case-store-${++nextUser}` });
const T0 = new Date('2026-05-01T08:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

const newCase = (overrides: Partial<NewCase> = {}): NewCase => ({
  kind: 'application',
  queue: 'avrr',
  outcome: 'eligible',
  urgent: false,
  rules: ['R1'],
  route: 'standard',
  rulesVersion: '2026.1',
  language: 'ar',
  nationality: 'SY',
  returnCountry: 'SY',
  hostCountry: 'BA',
  answers: { identity_document: 'passport' },
  personal: { full_name: 'Amira Test' },
  ...overrides,
});

async function create(key: ContactKey, overrides: Partial<NewCase> = {}, minute = 0) {
  return stores.conversations.withContact(key, (tx) => tx.createCase(newCase(overrides), at(minute)));
}

describe('case store', () => {
  it('finds a case by reference and by id, with its contact and no card yet', async () => {
    const key = newKey();
    const created = await create(key);
    const view = await stores.cases.byReference(created.reference);
    expect(view).toMatchObject({
      id: created.id,
      reference: created.reference,
      status: 'submitted',
      assignee: null,
      personal: { full_name: 'Amira Test' },
      contact: { ...key, reachable: true, language: null },
      slackChannel: null,
      slackTs: null,
    });
    expect(await stores.cases.byId(created.id)).toEqual(view);
    expect(await stores.cases.byReference('AVR-1900-000000')).toBeNull();
    expect(await stores.cases.byId('not-a-uuid')).toBeNull();
    expect(await stores.cases.byId('00000000-0000-4000-8000-000000000000')).toBeNull();
  });

  it('changes a case and records the event in one step; the timeline keeps the order', async () => {
    const created = await create(newKey());
    const claimed = await stores.cases.update(created.id, { assignee: 'slack:U1' }, { kind: 'claimed', actor: 'slack:U1', data: { by: '@ana' }, at: at(5) });
    expect(claimed).toMatchObject({ assignee: 'slack:U1', status: 'submitted' });
    expect(claimed.updatedAt).toEqual(at(5));
    const carded = await stores.cases.update(created.id, { slackChannel: 'C1', slackTs: '1.000100' }, { kind: 'slack_card_posted', actor: 'system', data: {}, at: at(6) });
    expect(carded).toMatchObject({ slackChannel: 'C1', slackTs: '1.000100', assignee: 'slack:U1' });
    await stores.cases.update(created.id, { status: 'in_review' }, { kind: 'status_changed', actor: 'slack:U1', data: { from: 'submitted', to: 'in_review' }, at: at(7) });
    expect((await stores.cases.events(created.id)).map((e) => e.kind)).toEqual(['claimed', 'slack_card_posted', 'status_changed']);
    expect((await stores.cases.events(created.id))[2]).toEqual({
      kind: 'status_changed',
      actor: 'slack:U1',
      data: { from: 'submitted', to: 'in_review' },
      at: at(7),
    });
    expect(await stores.cases.bySlackThread('C1', '1.000100')).toMatchObject({ id: created.id });
    expect(await stores.cases.bySlackThread('C2', '1.000100')).toBeNull();
  });

  it('refuses to update a case that does not exist, and writes no event then', async () => {
    await expect(stores.cases.update('00000000-0000-4000-8000-000000000000', { status: 'closed' }, { kind: 'x', actor: 'y', data: {}, at: T0 })).rejects.toThrow(
      /no case/,
    );
  });

  it('lists a counsellor’s open cases, newest first, and counts the queues', async () => {
    const who = `slack:U${Date.now()}`;
    const before = await stores.cases.queueCounts();
    const a = await create(newKey(), { queue: 'protection', kind: 'protection', urgent: true }, 1);
    const b = await create(newKey(), { queue: 'protection', kind: 'protection' }, 2);
    const c = await create(newKey(), { queue: 'general', kind: 'question' }, 3);
    for (const id of [a.id, b.id, c.id]) await stores.cases.update(id, { assignee: who }, { kind: 'claimed', actor: who, data: {}, at: at(10) });
    await stores.cases.update(b.id, { status: 'closed' }, { kind: 'status_changed', actor: who, data: {}, at: at(11) });
    expect((await stores.cases.assignedTo(who)).map((v) => v.reference)).toEqual([c.reference, a.reference]);
    const after = await stores.cases.queueCounts();
    expect(after.map((q) => q.queue)).toEqual(['protection', 'avrr', 'general']);
    const delta = (queue: string, field: 'open' | 'unclaimed' | 'urgent') =>
      (after.find((q) => q.queue === queue)?.[field] ?? 0) - (before.find((q) => q.queue === queue)?.[field] ?? 0);
    expect([delta('protection', 'open'), delta('protection', 'unclaimed'), delta('protection', 'urgent')]).toEqual([1, 0, 1]);
    expect([delta('general', 'open'), delta('general', 'unclaimed')]).toEqual([1, 0]);
  });
});

describe('contact transaction: the live line', () => {
  it('has a live case only while one is claimed and open', async () => {
    const key = newKey();
    const created = await create(key);
    const live = () => stores.conversations.withContact(key, (tx) => tx.liveCase());
    expect(await live()).toBeNull();
    await stores.cases.update(created.id, { assignee: 'slack:U7', slackChannel: 'C9', slackTs: '9.000001' }, { kind: 'claimed', actor: 'slack:U7', data: {}, at: at(1) });
    expect(await live()).toMatchObject({ id: created.id, assignee: 'slack:U7', slackChannel: 'C9', slackTs: '9.000001' });
    await stores.cases.update(created.id, { status: 'closed' }, { kind: 'status_changed', actor: 'slack:U7', data: {}, at: at(2) });
    expect(await live()).toBeNull();
  });

  it('dedupes an inbound id per delivering channel', async () => {
    const key = newKey();
    const claim = (id: string, channel?: string) => stores.conversations.withContact(key, (tx) => tx.claimInbound(id, channel));
    expect(await claim('Ev123', 'slack')).toBe(true);
    expect(await claim('Ev123', 'slack')).toBe(false);
    // The same id from the contact's own channel is another delivery.
    expect(await claim('Ev123')).toBe(true);
    expect(await claim('Ev123')).toBe(false);
  });
});
