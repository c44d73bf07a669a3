/**
 * The storage contract: run on PGlite by default and on PostgreSQL with TEST_DATABASE_URL, the
 * same suite for both drivers.
 */
import { eq, inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ClaimedBatch, ContactKey, NewCase } from '../../src/conversation/ports.js';
import type { RenderedMessage } from '../../src/conversation/types.js';
import type { Session } from '../../src/engine/types.js';
import { createCipher, createStores, generateKey, migrateDatabase, schema, type Stores } from '../../src/db/index.js';
import { useTestDatabase } from '../support/db.js';

const database = useTestDatabase();
let stores: Stores;
/** The stores' clock: a transaction stamps what it writes with the time it started. */
let now = new Date('2026-03-01T10:00:00Z');

beforeAll(async () => {
  stores = createStores(database(), await createCipher(generateKey('test')), { clock: () => now });
});

/** Runs `work` with the clock at `at`. */
async function at<T>(time: Date, work: () => Promise<T>): Promise<T> {
  now = time;
  return work();
}

let nextUser = 0;
const newKey = (channel: ContactKey['channel'] = 'telegram'): ContactKey => ({ channel, channelUserId: `u${++nextUser}` });

const session = (vars: Session['vars'] = {}): Session => ({
  v: 1,
  at: null,
  pending: null,
  vars,
  history: [],
  language: 'en',
  started: true,
});

const newCase = (overrides: Partial<NewCase> = {}): NewCase => ({
  kind: 'application',
  queue: 'avrr',
  outcome: 'eligible',
  urgent: false,
  rules: ['r1', 'r2'],
  route: 'standard',
  rulesVersion: '2026.1',
  language: 'ar',
  nationality: 'SY',
  returnCountry: 'SY',
  hostCountry: 'BA',
  answers: { identity_document: 'passport', interpreter: true },
  personal: { given_names: 'Amira', family_name: 'Hadzic', phone: '+38761000000' },
  ...overrides,
});

const T0 = new Date('2026-03-01T10:00:00Z');
const later = (ms: number) => new Date(T0.getTime() + ms);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('database', () => {
  it('answers the health check and migrates again without harm', async () => {
    await stores.health.ping();
    await migrateDatabase(database());
    await migrateDatabase(database());
  });
});

describe('contacts and sessions', () => {
  it('creates a contact on first use and finds it again', async () => {
    const key = newKey();
    const first = await stores.conversations.withContact(key, async (tx) => {
      expect(tx.contact).toMatchObject({ ...key, language: null, consent: null, reachable: true });
      expect(tx.contact.createdAt).toBeInstanceOf(Date);
      expect(tx.session).toBeNull();
      return tx.contact.id;
    });
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    const again = await stores.conversations.withContact(key, async (tx) => tx.contact.id);
    expect(again).toBe(first);
    const otherChannel = await stores.conversations.withContact({ ...key, channel: 'web' }, async (tx) => tx.contact.id);
    expect(otherChannel).not.toBe(first);
  });

  it('saves the session with an increasing version', async () => {
    const key = newKey();
    await stores.conversations.withContact(key, async (tx) => {
      await tx.saveSession(session({ step: 'a' }));
      expect(tx.session).toEqual({ state: session({ step: 'a' }), version: 1 });
      await tx.saveSession(session({ step: 'b' }));
      expect(tx.session?.version).toBe(2);
    });
    await stores.conversations.withContact(key, async (tx) => {
      expect(tx.session).toEqual({ state: session({ step: 'b' }), version: 2 });
      await tx.saveSession(session({ step: 'c' }));
    });
    const loaded = await stores.conversations.withContact(key, async (tx) => tx.session);
    expect(loaded).toEqual({ state: session({ step: 'c' }), version: 3 });
  });

  it('stores the session encrypted', async () => {
    const key = newKey();
    const id = await stores.conversations.withContact(key, async (tx) => {
      await tx.saveSession(session({ given_names: 'Zlatan-Secret' }));
      return tx.contact.id;
    });
    const [raw] = await database().db.select().from(schema.sessions).where(eq(schema.sessions.contactId, id));
    expect(raw?.stateEnc).toMatch(/^v2\./);
    expect(raw?.stateEnc).not.toContain('Zlatan');
  });

  it('keeps language, consent and reachability', async () => {
    const key = newKey();
    const consent = { notice: 'n1', at: T0.toISOString(), purposes: ['application'], sensitive: true };
    await stores.conversations.withContact(key, async (tx) => {
      await tx.setLanguage('uk');
      await tx.setConsent(consent);
      await tx.setReachable(false);
      expect(tx.contact).toMatchObject({ language: 'uk', consent, reachable: false });
    });
    const contact = await stores.conversations.withContact(key, async (tx) => tx.contact);
    expect(contact).toMatchObject({ language: 'uk', consent, reachable: false });
  });

  it('writes the contact changes a turn made, the last of each, on a known person too', async () => {
    const key = newKey();
    await stores.conversations.withContact(key, (tx) => tx.saveSession(session()));
    const consent = { notice: 'n2', at: T0.toISOString(), purposes: ['counselling'], sensitive: false };
    // A known person (a contact and a session): the turn opens with the one locking statement.
    await at(later(60_000), () =>
      stores.conversations.withContact(key, async (tx) => {
        await tx.setLanguage('fa');
        await tx.markSeen();
        await tx.setConsent(consent);
        await tx.setReach('wait');
        await tx.setLanguage('ps');
        await tx.saveSession(session({ n: 2 }));
      }),
    );
    const contact = await stores.conversations.withContact(key, async (tx) => tx.contact);
    expect(contact).toMatchObject({ language: 'ps', consent, reach: 'wait', lastSeenAt: later(60_000) });
    await stores.conversations.withContact(key, (tx) => tx.setConsent(null));
    expect((await stores.conversations.withContact(key, async (tx) => tx.contact)).consent).toBeNull();
  });

  it('gives news held back once, in the order it was held, to the turn after', async () => {
    const key = newKey();
    await stores.conversations.withContact(key, (tx) => tx.saveSession(session()));
    const news = (key: string): RenderedMessage => ({ key, html: key, language: 'en', dir: 'ltr', choices: [], columns: 1, nav: [], input: null, question: null });
    await stores.conversations.withContact(key, async (tx) => {
      await tx.holdNews(news('first'));
      expect(await tx.holdNews(news('second'))).toBe(2);
    });
    const taken = await stores.conversations.withContact(key, (tx) => tx.takeNews());
    expect(taken.map((m) => m.key)).toEqual(['first', 'second']);
    expect(await stores.conversations.withContact(key, (tx) => tx.takeNews())).toEqual([]);
  });

  it('commits nothing when the function throws', async () => {
    const key = newKey();
    await stores.conversations.withContact(key, (tx) => tx.saveSession(session({ n: 1 })));
    await expect(
      stores.conversations.withContact(key, async (tx) => {
        await tx.claimInbound('rollback-1');
        await tx.saveSession(session({ n: 2 }));
        await tx.setLanguage('de');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await stores.conversations.withContact(key, async (tx) => {
      expect(tx.session).toEqual({ state: session({ n: 1 }), version: 1 });
      expect(tx.contact.language).toBeNull();
      expect(await tx.claimInbound('rollback-1')).toBe(true);
    });
  });
});

describe('inbound dedupe', () => {
  it('claims an update id once per channel', async () => {
    const key = newKey();
    expect(await stores.conversations.withContact(key, (tx) => tx.claimInbound('update-1'))).toBe(true);
    expect(await stores.conversations.withContact(key, (tx) => tx.claimInbound('update-1'))).toBe(false);
    expect(await stores.conversations.withContact(key, (tx) => tx.claimInbound('update-2'))).toBe(true);
    expect(await stores.conversations.withContact(newKey('web'), (tx) => tx.claimInbound('update-1'))).toBe(true);
  });
});

describe('transcript', () => {
  it('is encrypted at rest and read back newest last', async () => {
    const key = newKey();
    const id = await at(later(0), () =>
      stores.conversations.withContact(key, async (tx) => {
        await tx.appendTranscript([
          { direction: 'in', text: 'My name is Amira Hadzic' },
          { direction: 'out', text: 'Thank you, Amira' },
        ]);
        await tx.appendTranscript([]);
        return tx.contact.id;
      }),
    );
    await at(later(2), () => stores.conversations.withContact(key, (tx) => tx.appendTranscript([{ direction: 'in', text: 'third' }])));
    const raw = await database()
      .db.select()
      .from(schema.transcriptMessages)
      .where(eq(schema.transcriptMessages.contactId, id));
    expect(raw).toHaveLength(3);
    for (const row of raw) {
      expect(row.textEnc).toMatch(/^v2\./);
      expect(row.textEnc).not.toContain('Amira');
    }
    expect(await stores.conversations.transcript(key, 10)).toEqual([
      { direction: 'in', text: 'My name is Amira Hadzic', at: later(0) },
      { direction: 'out', text: 'Thank you, Amira', at: later(0) },
      { direction: 'in', text: 'third', at: later(2) },
    ]);
    expect((await stores.conversations.transcript(key, 2)).map((e) => e.text)).toEqual(['Thank you, Amira', 'third']);
    expect(await stores.conversations.transcript(newKey(), 10)).toEqual([]);
  });
});

describe('cases', () => {
  it('numbers references by year from a sequence and keeps personal fields encrypted', async () => {
    const key = newKey();
    const created = await at(T0, () =>
      stores.conversations.withContact(key, async (tx) => {
        const one = await tx.createCase(newCase());
        const two = await tx.createCase(newCase({ kind: 'question', queue: 'general', personal: {} }));
        return [one, two];
      }),
    );
    const [one, two] = created;
    expect(one?.reference).toBe('AVR-2026-000001');
    expect(two?.reference).toBe('AVR-2026-000002');
    expect(one).toMatchObject({ ...newCase(), status: 'submitted', assignee: null, version: 0, createdAt: T0, updatedAt: T0 });
    const third = await at(new Date('2027-01-02T00:00:00Z'), () => stores.conversations.withContact(newKey(), (tx) => tx.createCase(newCase())));
    expect(third.reference).toBe('AVR-2027-000003');

    const listed = await stores.conversations.withContact(key, (tx) => tx.cases());
    expect(listed.map((c) => c.reference)).toEqual(['AVR-2026-000002', 'AVR-2026-000001']);
    expect(listed[1]?.personal).toEqual(newCase().personal);

    const [raw] = await database().db.select().from(schema.cases).where(eq(schema.cases.reference, 'AVR-2026-000001'));
    expect(raw?.personalEnc).toMatch(/^v2\./);
    expect(raw?.personalEnc).not.toContain('Amira');
    expect(raw).toMatchObject({ nationality: 'SY', language: 'ar', queue: 'avrr', answers: newCase().answers });
  });

  it('records case events, only on the contact own cases', async () => {
    const key = newKey();
    const caseId = await at(T0, () =>
      stores.conversations.withContact(key, async (tx) => {
        const record = await tx.createCase(newCase());
        await tx.addCaseEvent(record.id, { kind: 'submitted', actor: 'migrant', data: { channel: 'telegram' } });
        return record.id;
      }),
    );
    await at(later(5), () => stores.conversations.withContact(key, (tx) => tx.addCaseEvent(caseId, { kind: 'withdrawn', actor: 'migrant', data: {} })));
    const events = await database()
      .db.select()
      .from(schema.caseEvents)
      .where(eq(schema.caseEvents.caseId, caseId))
      .orderBy(schema.caseEvents.id);
    expect(events.map((e) => [e.kind, e.actor, e.data, e.at])).toEqual([
      ['submitted', 'migrant', { channel: 'telegram' }, T0],
      ['withdrawn', 'migrant', {}, later(5)],
    ]);
    await expect(
      stores.conversations.withContact(newKey(), (tx) =>
        tx.addCaseEvent(caseId, { kind: 'x', actor: 'someone', data: {} }),
      ),
    ).rejects.toThrow(/not a case of contact/);
  });
});

describe('outbox', () => {
  const mine = <T extends { orderKey: string }>(items: T[], prefix: string) => items.filter((i) => i.orderKey.startsWith(prefix));

  it('sends items of one order key one at a time, in order', async () => {
    await at(T0, () => stores.conversations.withContact(newKey(), (tx) =>
      tx.enqueue(
        [
          { kind: 'telegram.message', payload: { text: 'first for a' }, orderKey: 'ord:a' },
          { kind: 'telegram.message', payload: { text: 'second for a' }, orderKey: 'ord:a' },
          { kind: 'slack.case_card', payload: { ref: 'b1' }, orderKey: 'ord:b' },
        ]),
    ));
    const first = mine(await stores.outbox.due(T0, 10), 'ord:');
    expect(first.map((d) => [d.orderKey, d.payload, d.attempts])).toEqual([
      ['ord:a', { text: 'first for a' }, 0],
      ['ord:b', { ref: 'b1' }, 0],
    ]);
    // Leased: not handed out again, and the second item of `a` waits for the first.
    expect(mine(await stores.outbox.due(T0, 10), 'ord:')).toEqual([]);
    const [a1, b1] = first;
    await stores.outbox.delivered([a1!.id], later(1));
    expect(mine(await stores.outbox.due(later(2), 10), 'ord:').map((d) => d.payload)).toEqual([{ text: 'second for a' }]);
    await stores.outbox.failed(b1!.id, 'Slack 500', later(60_000), later(2));
    // Rescheduled: not due before its time.
    expect(mine(await stores.outbox.due(later(3), 10), 'ord:b')).toEqual([]);
    const retried = mine(await stores.outbox.due(later(60_000), 10), 'ord:b');
    expect(retried.map((d) => [d.id, d.attempts])).toEqual([[b1!.id, 1]]);
  });

  it('hands an item out again when its lease expired, and respects the limit', async () => {
    await at(T0, () => stores.conversations.withContact(newKey(), (tx) =>
      tx.enqueue(
        [1, 2, 3].map((n) => ({ kind: 'k', payload: { n }, orderKey: `lease:${n}` })),
      ),
    ));
    const taken = mine(await stores.outbox.due(T0, 2), 'lease:');
    expect(taken).toHaveLength(2);
    const rest = mine(await stores.outbox.due(T0, 10), 'lease:');
    expect(rest).toHaveLength(1);
    expect(mine(await stores.outbox.due(later(30_000), 10), 'lease:')).toEqual([]);
    const again = mine(await stores.outbox.due(later(61_000), 10), 'lease:');
    expect(again.map((d) => d.payload).sort((x, y) => Number(x.n) - Number(y.n))).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    for (const d of again) await stores.outbox.delivered([d.id], later(62_000));
  });

  it('gives up on a dead item and releases the next one of its key', async () => {
    await at(T0, () => stores.conversations.withContact(newKey(), (tx) =>
      tx.enqueue(
        [
          { kind: 'k', payload: { text: 'poison' }, orderKey: 'dead:x' },
          { kind: 'k', payload: { text: 'after' }, orderKey: 'dead:x' },
        ]),
    ));
    const [poison] = mine(await stores.outbox.due(T0, 10), 'dead:');
    await stores.outbox.failed(poison!.id, 'blocked by user', null, later(1));
    const [next] = mine(await stores.outbox.due(later(1), 10), 'dead:');
    expect(next?.payload).toEqual({ text: 'after' });
    const [row] = await database().db.select().from(schema.outbox).where(eq(schema.outbox.id, Number(poison!.id)));
    expect(row).toMatchObject({ attempts: 1, lastError: 'blocked by user', deliveredAt: null });
    expect(row?.deadAt).toEqual(later(1));
  });

  it('keeps payloads encrypted, and drops them once delivered', async () => {
    await at(T0, () => stores.conversations.withContact(newKey(), (tx) =>
      tx.enqueue([{ kind: 'k', payload: { text: 'Hello Amira' }, orderKey: 'enc:1' }]),
    ));
    const [item] = mine(await stores.outbox.due(T0, 10), 'enc:');
    const read = () => database().db.select().from(schema.outbox).where(eq(schema.outbox.id, Number(item!.id)));
    const [before] = await read();
    expect(before?.payloadEnc).toMatch(/^v2\./);
    expect(before?.payloadEnc).not.toContain('Amira');
    await stores.outbox.delivered([item!.id], later(1));
    const [after] = await read();
    expect(after).toMatchObject({ payloadEnc: null, deliveredAt: later(1), lockedUntil: null });
    expect(mine(await stores.outbox.due(later(120_000), 10), 'enc:')).toEqual([]);
  });

  it('leases an item to its writer when nothing of its key is pending, and hands it over after the commit', async () => {
    // Stores of their own: a listener makes every write of these stores lease.
    const own = createStores(database(), await createCipher(generateKey('own')), { clock: () => now });
    const batches: ClaimedBatch[] = [];
    own.outbox.onClaimed((batch) => batches.push(batch));
    const key = newKey();
    const items = [
      { kind: 'k', payload: { text: 'one' }, orderKey: 'claim:a' },
      { kind: 'k', payload: { text: 'two' }, orderKey: 'claim:a' },
    ];
    await at(T0, () =>
      own.conversations.withContact(key, async (tx) => {
        await tx.enqueue(items);
        // Nothing is handed over before the commit.
        expect(batches).toEqual([]);
      }),
    );
    expect(batches).toHaveLength(1);
    const [first] = batches;
    expect(first?.claimed.map((c) => [c.orderKey, c.payload, c.attempts])).toEqual([
      ['claim:a', { text: 'one' }, 0],
      ['claim:a', { text: 'two' }, 0],
    ]);
    expect(first?.behind).toEqual([]);
    // Leased: no worker polling finds them before the lease runs out.
    expect(mine(await own.outbox.due(T0, 10), 'claim:')).toEqual([]);

    // Written while those are pending: not leased, queued behind them.
    await at(later(1), () => own.conversations.withContact(key, (tx) => tx.enqueue([{ kind: 'k', payload: { text: 'three' }, orderKey: 'claim:a' }])));
    expect(batches[1]).toEqual({ claimed: [], behind: ['claim:a'] });
    // A rolled-back transaction hands nothing over.
    await expect(
      own.conversations.withContact(newKey(), async (tx) => {
        await tx.enqueue([{ kind: 'k', payload: {}, orderKey: 'claim:gone' }]);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(batches).toHaveLength(2);

    // The first delivered, the second given back after a failure of the first try: the second is
    // the head now; "three" waits behind it.
    const [one, two] = first!.claimed;
    await own.outbox.delivered([one!.id], later(2));
    await own.outbox.release([two!.id]);
    expect(mine(await own.outbox.due(later(3), 10, ['claim:a']), 'claim:').map((d) => d.payload)).toEqual([{ text: 'two' }]);
    expect(mine(await own.outbox.due(later(3), 10, ['claim:other']), 'claim:')).toEqual([]);
  });

  it('marks several items delivered in one call', async () => {
    await at(T0, () => stores.conversations.withContact(newKey(), (tx) =>
      tx.enqueue([1, 2].map((n) => ({ kind: 'k', payload: { n }, orderKey: `many:${n}` }))),
    ));
    const due = mine(await stores.outbox.due(T0, 10), 'many:');
    await stores.outbox.delivered(due.map((d) => d.id), later(1));
    const rows = await database().db.select().from(schema.outbox).where(inArray(schema.outbox.id, due.map((d) => Number(d.id))));
    expect(rows.map((r) => [r.deliveredAt, r.payloadEnc])).toEqual([
      [later(1), null],
      [later(1), null],
    ]);
  });

  it('never gives one item to two workers polling at once', async () => {
    await at(T0, () => stores.conversations.withContact(newKey(), (tx) =>
      tx.enqueue(
        Array.from({ length: 30 }, (_, n) => ({ kind: 'k', payload: { n }, orderKey: `par:${n}` })),
      ),
    ));
    const batches = await Promise.all(Array.from({ length: 6 }, () => stores.outbox.due(T0, 10)));
    const ids = batches.flatMap((b) => mine(b, 'par:').map((d) => d.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(30);
  });
});

describe('erasure', () => {
  it('removes everything personal, unlinks the contact from its chat, and keeps the categories', async () => {
    const key = newKey();
    const consent = { notice: 'n1', at: T0.toISOString(), purposes: ['application'], sensitive: false };
    const caseId = await at(T0, () =>
      stores.conversations.withContact(key, async (tx) => {
        await tx.setConsent(consent);
        await tx.saveSession(session({ given_names: 'Amira' }));
        await tx.appendTranscript([{ direction: 'in', text: 'Amira' }]);
        const record = await tx.createCase(newCase());
        await tx.addCaseEvent(record.id, { kind: 'status_changed', actor: 'user:1', data: { from: 'submitted', to: 'in_review', reason: 'Amira is afraid' } });
        return record.id;
      }),
    );
    const contactId = await at(later(10), () =>
      stores.conversations.withContact(key, async (tx) => {
        expect(await tx.erase()).toEqual({ erased: [caseId], kept: [] });
        expect(tx.session).toBeNull();
        expect(tx.contact.consent).toBeNull();
        expect(tx.contact.channelUserId).toMatch(/^erased:/);
        return tx.contact.id;
      }),
    );
    expect(await stores.conversations.transcript(key, 10)).toEqual([]);
    // The chat is no longer linked: writing again starts a new contact with no case.
    const again = await stores.conversations.withContact(key, async (tx) => ({ id: tx.contact.id, cases: await tx.cases() }));
    expect(again.id).not.toBe(contactId);
    expect(again.cases).toEqual([]);
    const [rawCase] = await database().db.select().from(schema.cases).where(eq(schema.cases.id, caseId));
    const { personal, answers, ...categorical } = newCase();
    expect(personal).not.toEqual({});
    expect(answers).not.toEqual({});
    expect(rawCase).toMatchObject({ personalEnc: null, answers: {}, kind: categorical.kind, nationality: categorical.nationality, updatedAt: later(10) });
    const events = await database().db.select().from(schema.caseEvents).where(eq(schema.caseEvents.caseId, caseId));
    expect(JSON.stringify(events)).not.toMatch(/reason/);
    const [rawContact] = await database().db.select().from(schema.contacts).where(eq(schema.contacts.id, contactId));
    expect(rawContact).toMatchObject({ consent: null, erasedAt: later(10) });
    expect(rawContact?.channelUserId).not.toBe(key.channelUserId);
  });

  it('keeps only names, date of birth and phone of a journey being organised, and the link', async () => {
    const key = newKey();
    const caseId = await at(T0, () =>
      stores.conversations.withContact(key, async (tx) => {
        const record = await tx.createCase(newCase({ personal: { given_names: 'Amira', family_name: 'Hadzic', phone: '+38761000000', municipality: 'Bihac' } }));
        await tx.updateCase(record.id, record.version, { status: 'travel_booked' }, { kind: 'status_changed', actor: 'user:1', data: {} });
        return record.id;
      }),
    );
    const result = await stores.conversations.withContact(key, (tx) => tx.erase());
    expect(result).toEqual({ erased: [], kept: [caseId] });
    const [kept] = await stores.conversations.withContact(key, (tx) => tx.cases());
    expect(kept).toMatchObject({ id: caseId, answers: {}, personal: { given_names: 'Amira', family_name: 'Hadzic', phone: '+38761000000' } });
    expect(kept?.personal).not.toHaveProperty('municipality');
  });
});

describe('concurrency', () => {
  it('loses no write when 20 deliveries for one contact run at once', async () => {
    const key = newKey();
    await Promise.all(
      Array.from({ length: 20 }, () =>
        stores.conversations.withContact(key, async (tx) => {
          const counter = Number(tx.session?.state.vars.counter ?? 0);
          await sleep(5); // widen the race between read and write
          await tx.saveSession(session({ counter: counter + 1 }));
        }),
      ),
    );
    const final = await stores.conversations.withContact(key, async (tx) => tx.session);
    expect(final?.state.vars.counter).toBe(20);
    expect(final?.version).toBe(20);
  });

  it('claims the inbound id with the lock: known people lose no write and repeats are refused', async () => {
    const key = newKey();
    await stores.conversations.withContact(key, (tx) => tx.saveSession(session({ counter: 0 })));
    // Ten different updates and each of them twice, all at once; the session exists, so the lock,
    // the session read and the claim are one statement.
    const ids = Array.from({ length: 10 }, (_, i) => `upd-${i}`);
    const results = await Promise.all(
      [...ids, ...ids].map((id) =>
        stores.conversations.withContact(
          key,
          async (tx) => {
            if (!(await tx.claimInbound(id))) return false;
            const counter = Number(tx.session?.state.vars.counter ?? 0);
            await sleep(2);
            await tx.saveSession(session({ counter: counter + 1 }));
            return true;
          },
          { claim: id },
        ),
      ),
    );
    expect(results.filter(Boolean)).toHaveLength(10);
    const final = await stores.conversations.withContact(key, async (tx) => tx.session);
    expect(final?.state.vars.counter).toBe(10);
    expect(final?.version).toBe(11);
    // A claim for another channel than the one named up front is still made, once.
    await stores.conversations.withContact(
      key,
      async (tx) => {
        expect(await tx.claimInbound('slack-event-1', 'slack')).toBe(true);
        expect(await tx.claimInbound('slack-event-1', 'slack')).toBe(false);
      },
      { claim: 'unused' },
    );
  });

  it('processes the same update exactly once when it arrives twice at once', async () => {
    const key = newKey(); // a new contact: its creation races too
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        stores.conversations.withContact(key, async (tx) => {
          if (!(await tx.claimInbound('same-update'))) return false;
          const counter = Number(tx.session?.state.vars.counter ?? 0);
          await sleep(5);
          await tx.saveSession(session({ counter: counter + 1 }));
          return true;
        }),
      ),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    const final = await stores.conversations.withContact(key, async (tx) => tx.session);
    expect(final?.state.vars.counter).toBe(1);
    const contacts = await database()
      .db.select()
      .from(schema.contacts)
      .where(eq(schema.contacts.channelUserId, key.channelUserId));
    expect(contacts.filter((c) => c.channel === key.channel)).toHaveLength(1);
  });
});
