/**
 * The case store contract (what counsellors' tools and the dashboard read outside a person's turn),
 * and case changes through ContactTx (compare-and-set on the version, the live line): on PGlite by
 * default, on PostgreSQL with TEST_DATABASE_URL.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { CasePatch, CaseRecord, ContactKey, NewCase, NewCaseEvent } from '../../src/conversation/ports.js';
import { createCipher, createStores, generateKey, type Stores } from '../../src/db/index.js';
import { useTestDatabase } from '../support/db.js';

const database = useTestDatabase();
let stores: Stores;
let now = new Date('2026-05-01T08:00:00Z');

beforeAll(async () => {
  stores = createStores(database(), await createCipher(generateKey('test')), { clock: () => now });
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
  now = at(minute);
  return stores.conversations.withContact(key, (tx) => tx.createCase(newCase(overrides)));
}

/** Changes a case at `minute` as the workflow does: read, then compare-and-set on the version read. */
async function change(id: string, patch: CasePatch, event: NewCaseEvent, minute: number): Promise<CaseRecord | null> {
  const view = await stores.cases.byId(id);
  if (!view) throw new Error(`no case ${id}`);
  now = at(minute);
  return stores.conversations.withContact(view.contact, async (tx) => {
    const record = await tx.case(id);
    return record ? tx.updateCase(id, record.version, patch, event) : null;
  });
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
      version: 0,
    });
    expect(await stores.cases.byId(created.id)).toEqual(view);
    expect(await stores.cases.byReference('AVR-1900-000000')).toBeNull();
    expect(await stores.cases.byId('not-a-uuid')).toBeNull();
    expect(await stores.cases.byId('00000000-0000-4000-8000-000000000000')).toBeNull();
  });

  it('changes a case and records the event in one step; the timeline keeps the order', async () => {
    const created = await create(newKey());
    const claimed = await change(created.id, { assignee: 'user:1' }, { kind: 'claimed', actor: 'user:1', data: { by: 'ana@example.org' } }, 5);
    expect(claimed).toMatchObject({ assignee: 'user:1', status: 'submitted', version: 1, updatedAt: at(5) });
    await change(created.id, { status: 'in_review' }, { kind: 'status_changed', actor: 'user:1', data: { from: 'submitted', to: 'in_review' } }, 7);
    expect((await stores.cases.events(created.id)).map((e) => e.kind)).toEqual(['claimed', 'status_changed']);
    expect((await stores.cases.events(created.id))[1]).toEqual({
      kind: 'status_changed',
      actor: 'user:1',
      data: { from: 'submitted', to: 'in_review' },
      at: at(7),
    });
    expect(await stores.cases.byId(created.id)).toMatchObject({ status: 'in_review', version: 2 });
  });

  it('compare-and-set: a change based on an old version writes nothing, not even its event', async () => {
    const key = newKey();
    const created = await create(key);
    const stale = created.version;
    await change(created.id, { assignee: 'user:1' }, { kind: 'claimed', actor: 'user:1', data: {} }, 1);
    const lost = await stores.conversations.withContact(key, (tx) => tx.updateCase(created.id, stale, { assignee: 'user:2' }, { kind: 'claimed', actor: 'user:2', data: {} }));
    expect(lost).toBeNull();
    expect(await stores.cases.byId(created.id)).toMatchObject({ assignee: 'user:1', version: 1 });
    expect((await stores.cases.events(created.id)).map((e) => e.actor)).toEqual(['user:1']);
    // Only the person's own cases can be changed in their transaction.
    const other = await stores.conversations.withContact(newKey(), (tx) => tx.updateCase(created.id, 1, { status: 'closed' }, { kind: 'x', actor: 'y', data: {} }));
    expect(other).toBeNull();
    expect(await stores.conversations.withContact(newKey(), (tx) => tx.case(created.id))).toBeNull();
  });

  it('two connections changing one case at once: both read, exactly one write wins', async () => {
    const key = newKey();
    const created = await create(key);
    // Each reads the version outside any lock, then writes: the loser's compare-and-set fails.
    const read = await stores.cases.byId(created.id);
    const results = await Promise.all(
      ['user:a', 'user:b', 'user:c'].map((who) =>
        stores.conversations.withContact(key, (tx) => tx.updateCase(created.id, read?.version ?? -1, { assignee: who }, { kind: 'claimed', actor: who, data: {} })),
      ),
    );
    expect(results.filter((r) => r !== null)).toHaveLength(1);
    expect((await stores.cases.events(created.id)).filter((e) => e.kind === 'claimed')).toHaveLength(1);
  });

  it('lists a counsellor’s open cases, newest first, and counts the queues', async () => {
    const who = `slack:U${Date.now()}`;
    const before = await stores.cases.queueCounts();
    const a = await create(newKey(), { queue: 'protection', kind: 'protection', urgent: true }, 1);
    const b = await create(newKey(), { queue: 'protection', kind: 'protection' }, 2);
    const c = await create(newKey(), { queue: 'general', kind: 'question' }, 3);
    for (const id of [a.id, b.id, c.id]) await change(id, { assignee: who }, { kind: 'claimed', actor: who, data: {} }, 10);
    await change(b.id, { status: 'closed' }, { kind: 'status_changed', actor: who, data: {} }, 11);
    expect((await stores.cases.assignedTo([who, 'user:nobody'])).map((v) => v.reference)).toEqual([c.reference, a.reference]);
    expect(await stores.cases.assignedTo([])).toEqual([]);
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
    await change(created.id, { assignee: 'user:7' }, { kind: 'claimed', actor: 'user:7', data: {} }, 1);
    expect(await live()).toMatchObject({ id: created.id, assignee: 'user:7' });
    await change(created.id, { status: 'closed' }, { kind: 'status_changed', actor: 'user:7', data: {} }, 2);
    expect(await live()).toBeNull();
  });

  it('keeps the line after departure, held or not, until the case is closed', async () => {
    const key = newKey();
    const created = await create(key);
    const live = () => stores.conversations.withContact(key, (tx) => tx.liveCase());
    await change(created.id, { status: 'departed' }, { kind: 'status_changed', actor: 'user:7', data: {} }, 1);
    expect(await live()).toMatchObject({ id: created.id, assignee: null, status: 'departed' });
    await change(created.id, { status: 'closed' }, { kind: 'status_changed', actor: 'user:7', data: {} }, 2);
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
