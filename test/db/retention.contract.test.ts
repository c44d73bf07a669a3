/**
 * The retention sweep on both drivers: an abandoned conversation that led to no case is erased
 * (session, transcript, consent), everything else stays; old dedupe ids go.
 */
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ContactKey } from '../../src/conversation/ports.js';
import { createEventHub } from '../../src/conversation/events.js';
import { createRetention } from '../../src/conversation/retention.js';
import { createCipher, createStores, generateKey, schema, type Stores } from '../../src/db/index.js';
import type { Session } from '../../src/engine/types.js';
import { useTestDatabase } from '../support/db.js';

const database = useTestDatabase();
let stores: Stores;
const NOW = new Date('2026-11-23T12:00:00Z');
const noEvents = createEventHub([]);
/** The sweep as the app runs it (30 days for abandoned conversations, 90 for closed cases). */
const sweeper = () => createRetention({ store: stores.retention, abandonedDays: 30, closedDays: 90, hub: noEvents, outbox: stores.outbox, clock: () => NOW });
/** The stores' clock: each conversation is written at its own time. */
let now = NOW;

beforeAll(async () => {
  stores = createStores(database(), await createCipher(generateKey('test')), { clock: () => now });
});

const DAY = 24 * 60 * 60 * 1000;
let next = 0;
const key = (): ContactKey => ({ channel: 'telegram', channelUserId: `r${++next}` });
const session: Session = { v: 1, at: null, pending: null, vars: { age: 30 }, history: [], language: 'fa', started: true };

/** A contact who agreed, talked, and was last heard of `daysAgo` days ago; with a case if asked. */
async function conversation(daysAgo: number, withCase = false): Promise<string> {
  const k = key();
  now = new Date(NOW.getTime() - daysAgo * DAY);
  const id = await stores.conversations.withContact(k, async (tx) => {
    await tx.setLanguage('fa');
    await tx.setConsent({ notice: '2026-11', at: NOW.toISOString(), purposes: ['counselling'], sensitive: false });
    await tx.saveSession(session);
    await tx.claimInbound(`u-${k.channelUserId}`);
    await tx.appendTranscript([{ direction: 'in', text: 'salam' }]);
    if (withCase) {
      await tx.createCase(
        {
          kind: 'question', queue: 'general', outcome: null, urgent: false, rules: [], route: null, rulesVersion: null,
          language: 'fa', nationality: null, returnCountry: null, hostCountry: null, answers: {}, personal: {},
        },
      );
    }
    return tx.contact.id;
  });
  now = NOW;
  return id;
}

async function state(id: string) {
  const { db } = database();
  const [contact] = await db.select().from(schema.contacts).where(eq(schema.contacts.id, id));
  const sessions = await db.select().from(schema.sessions).where(eq(schema.sessions.contactId, id));
  const transcript = await db.select().from(schema.transcriptMessages).where(eq(schema.transcriptMessages.contactId, id));
  return { language: contact?.language, consent: contact?.consent ?? null, erased: contact?.erasedAt !== null, sessions: sessions.length, transcript: transcript.length };
}

describe('retention', () => {
  it('erases conversations nobody continued for 30 days that led to no case, and nothing else', async () => {
    const abandoned = await conversation(31);
    const recent = await conversation(29);
    const withCase = await conversation(90, true);
    const retention = sweeper();

    const result = await retention.run();
    expect(result.abandoned).toBeGreaterThanOrEqual(1);
    // Only the language choice remains, so a later message is answered in the right language.
    expect(await state(abandoned)).toEqual({ language: 'fa', consent: null, erased: true, sessions: 0, transcript: 0 });
    expect(await state(recent)).toMatchObject({ erased: false, sessions: 1, transcript: 1 });
    expect(await state(withCase)).toMatchObject({ erased: false, sessions: 1, transcript: 1 });
    // Running again finds nothing more to do.
    expect((await retention.run()).abandoned).toBe(0);
  });

  it('forgets inbound ids after a week, so the table does not grow for ever', async () => {
    const id = await conversation(8, true);
    const { db } = database();
    await sweeper().run();
    expect(await db.select().from(schema.inboundDedupe).where(eq(schema.inboundDedupe.contactId, id))).toEqual([]);
  });

  it('pseudonymises a case closed longer than the closed-case period, and sweeps its conversation', async () => {
    const id = await conversation(200, true);
    const { db } = database();
    const [row] = await db.select().from(schema.cases).where(eq(schema.cases.contactId, id));
    // Closed 100 days ago, with a note and a reason staff wrote.
    now = new Date(NOW.getTime() - 100 * DAY);
    await stores.conversations.withContact({ channel: 'telegram', channelUserId: (await db.select().from(schema.contacts).where(eq(schema.contacts.id, id)))[0]!.channelUserId }, async (tx) => {
      const record = await tx.case(row!.id);
      await tx.updateCase(row!.id, record!.version, { status: 'closed' }, { kind: 'status_changed', actor: 'user:1', data: { from: 'submitted', to: 'closed', reason: 'she told us where she sleeps' } });
    });
    await stores.dashboard.cases.addNote(row!.id, 'user:1', 'call her at the shelter', now);
    now = NOW;
    const result = await sweeper().run();
    expect(result.pseudonymised).toContain(row!.id);
    const [after] = await db.select().from(schema.cases).where(eq(schema.cases.id, row!.id));
    expect(after).toMatchObject({ personalEnc: null, answers: {}, status: 'closed', kind: 'question' });
    expect(await db.select().from(schema.caseNotes).where(eq(schema.caseNotes.caseId, row!.id))).toEqual([]);
    const events = await db.select().from(schema.caseEvents).where(eq(schema.caseEvents.caseId, row!.id));
    expect(JSON.stringify(events)).not.toContain('reason');
    // Nothing open any more and idle for long: the conversation went too.
    expect(await state(id)).toMatchObject({ sessions: 0, transcript: 0, consent: null });
    expect((await sweeper().run()).pseudonymised).not.toContain(row!.id);
  });

  it('keeps a case closed less than the period, and an open case whatever its age', async () => {
    const recentlyClosed = await conversation(200, true);
    const open = await conversation(200, true);
    const { db } = database();
    const [closedRow] = await db.select().from(schema.cases).where(eq(schema.cases.contactId, recentlyClosed));
    const key = { channel: 'telegram', channelUserId: (await db.select().from(schema.contacts).where(eq(schema.contacts.id, recentlyClosed)))[0]!.channelUserId };
    now = new Date(NOW.getTime() - 10 * DAY);
    await stores.conversations.withContact(key, async (tx) => {
      const record = await tx.case(closedRow!.id);
      await tx.updateCase(closedRow!.id, record!.version, { status: 'closed' }, { kind: 'status_changed', actor: 'user:1', data: {} });
    });
    now = NOW;
    const result = await sweeper().run();
    expect(result.pseudonymised).not.toContain(closedRow!.id);
    const [openRow] = await db.select().from(schema.cases).where(eq(schema.cases.contactId, open));
    expect(result.pseudonymised).not.toContain(openRow!.id);
    expect(await state(open)).toMatchObject({ sessions: 1, transcript: 1 });
  });

  it('purges delivered and dead deliveries after a week', async () => {
    now = new Date(NOW.getTime() - 8 * DAY);
    await stores.outbox.enqueue([{ kind: 'k', payload: { text: 'old' }, orderKey: 'purge:1' }], now);
    const [item] = (await stores.outbox.due(now, 50)).filter((d) => d.orderKey === 'purge:1');
    await stores.outbox.delivered([item!.id], now);
    now = NOW;
    expect((await sweeper().run()).outbox).toBeGreaterThanOrEqual(1);
    const { db } = database();
    expect(await db.select().from(schema.outbox).where(eq(schema.outbox.id, Number(item!.id)))).toEqual([]);
  });
});
