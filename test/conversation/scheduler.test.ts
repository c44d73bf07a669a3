/**
 * The scheduler on the test database (PGlite, or PostgreSQL with TEST_DATABASE_URL), with an
 * injected clock: jobs run when due and only then, once, whoever runs them; failures back off and
 * end dead; two runners racing over the same jobs do each job's work exactly once.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { JobHandler } from '../../src/conversation/scheduler.js';
import { createScheduler, jobBackoffMs } from '../../src/conversation/scheduler.js';
import type { ContactKey } from '../../src/conversation/ports.js';
import { createCipher, createStores, type Cipher, type Stores } from '../../src/db/index.js';
import { TEST_KEY } from '../support/app.js';
import { useTestDatabase } from '../support/db.js';

const database = useTestDatabase();
const T0 = new Date('2026-11-23T10:00:00Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

let cipher: Cipher;
beforeAll(async () => {
  cipher = await createCipher(TEST_KEY);
});

/** Stores on a clock the test moves. */
function world() {
  let now = T0;
  const clock = () => now;
  const stores: Stores = createStores(database(), cipher, { clock });
  return {
    stores,
    clock,
    set: (at: Date) => {
      now = at;
    },
    advance: (ms: number) => {
      now = new Date(now.getTime() + ms);
    },
  };
}

async function newCase(stores: Stores): Promise<{ caseId: string; contact: ContactKey }> {
  const contact = { channel: 'web', channelUserId: `sched-${randomUUID()}` };
  const caseId = await stores.conversations.withContact(contact, async (tx) => {
    const created = await tx.createCase({
      kind: 'application',
      queue: 'avrr',
      outcome: null,
      urgent: false,
      rules: [],
      route: null,
      rulesVersion: null,
      language: 'en',
      nationality: null,
      returnCountry: null,
      hostCountry: null,
      answers: {},
      personal: {},
    });
    return created.id;
  });
  return { caseId, contact };
}

/** The handler the tests schedule: notes on the case's timeline that it ran (its work, in the person's transaction). */
const note: JobHandler = async ({ tx, job }) => {
  await tx.addCaseEvent(job.caseId, { kind: 'job_ran', actor: 'scheduler', data: { key: job.key } });
  return 'done';
};

async function ran(stores: Stores, caseId: string): Promise<string[]> {
  return (await stores.cases.events(caseId)).filter((e) => e.kind === 'job_ran').map((e) => String(e.data['key']));
}

async function schedule(stores: Stores, contact: ContactKey, jobs: Array<{ caseId: string; key: string; dueAt: Date; kind?: string }>): Promise<void> {
  await stores.conversations.withContact(contact, (tx) => tx.jobs.schedule(jobs.map((j) => ({ kind: 'test.note', ...j }))));
}

describe('the scheduler', () => {
  it('runs a job when it is due, not before, and only once', async () => {
    const w = world();
    const { caseId, contact } = await newCase(w.stores);
    const scheduler = createScheduler({ store: w.stores.after.jobs, cases: w.stores.cases, conversations: w.stores.conversations, handlers: { 'test.note': note }, clock: w.clock });
    await schedule(w.stores, contact, [{ caseId, key: `t:${caseId}:a`, dueAt: new Date(T0.getTime() + HOUR) }]);

    expect(await scheduler.run()).toEqual({ finished: 0, failed: 0 });
    w.advance(HOUR - 1);
    expect((await scheduler.run()).finished).toBe(0);
    w.advance(1);
    expect(await scheduler.run()).toEqual({ finished: 1, failed: 0 });
    w.advance(HOUR);
    expect((await scheduler.run()).finished).toBe(0);

    expect(await ran(w.stores, caseId)).toEqual([`t:${caseId}:a`]);
    const [job] = await w.stores.after.jobs.ofCase(caseId);
    expect(job).toMatchObject({ outcome: 'done', attempts: 1, finishedAt: new Date(T0.getTime() + HOUR) });
  });

  it('moves a job scheduled again under the same key, even after it ran, and cancels by key prefix', async () => {
    const w = world();
    const { caseId, contact } = await newCase(w.stores);
    const scheduler = createScheduler({ store: w.stores.after.jobs, cases: w.stores.cases, conversations: w.stores.conversations, handlers: { 'test.note': note }, clock: w.clock });
    const key = `t:${caseId}:remind`;
    await schedule(w.stores, contact, [{ caseId, key, dueAt: new Date(T0.getTime() + HOUR) }]);
    // Planned twice: still one job, at the newer time.
    await schedule(w.stores, contact, [{ caseId, key, dueAt: new Date(T0.getTime() + 2 * HOUR) }]);
    expect(await w.stores.after.jobs.ofCase(caseId)).toHaveLength(1);
    w.advance(HOUR);
    expect((await scheduler.run()).finished).toBe(0);
    w.advance(HOUR);
    expect((await scheduler.run()).finished).toBe(1);

    // The appointment moved after its reminder went: the reminder is due again, for the new time.
    await schedule(w.stores, contact, [{ caseId, key, dueAt: new Date(T0.getTime() + 5 * HOUR) }]);
    w.set(new Date(T0.getTime() + 5 * HOUR));
    expect((await scheduler.run()).finished).toBe(1);
    expect(await ran(w.stores, caseId)).toEqual([key, key]);

    await schedule(w.stores, contact, [
      { caseId, key: `t:${caseId}:x:1`, dueAt: new Date(T0.getTime() + 6 * HOUR) },
      { caseId, key: `t:${caseId}:x:2`, dueAt: new Date(T0.getTime() + 7 * HOUR) },
      { caseId, key: `t:${caseId}:y`, dueAt: new Date(T0.getTime() + 7 * HOUR) },
    ]);
    // `%` and `_` are not wildcards: nothing matches this prefix.
    expect(await w.stores.conversations.withContact(contact, (tx) => tx.jobs.cancel(`t:${caseId}:%`))).toBe(0);
    expect(await w.stores.conversations.withContact(contact, (tx) => tx.jobs.cancel(`t:${caseId}:x:`))).toBe(2);
    w.set(new Date(T0.getTime() + 8 * HOUR));
    expect((await scheduler.run()).finished).toBe(1);
    expect((await w.stores.after.jobs.ofCase(caseId)).map((j) => j.outcome)).toEqual(['done', 'cancelled', 'cancelled', 'done']);
  });

  it("refuses to schedule or cancel another person's jobs", async () => {
    const w = world();
    const mine = await newCase(w.stores);
    const theirs = await newCase(w.stores);
    await expect(schedule(w.stores, mine.contact, [{ caseId: theirs.caseId, key: `t:${theirs.caseId}`, dueAt: T0 }])).rejects.toThrow(/not a case of contact/);
    await schedule(w.stores, theirs.contact, [{ caseId: theirs.caseId, key: `t:${theirs.caseId}`, dueAt: T0 }]);
    expect(await w.stores.conversations.withContact(mine.contact, (tx) => tx.jobs.cancel(`t:${theirs.caseId}`))).toBe(0);
    // The runners of the other tests share this database: leave nothing due behind.
    expect(await w.stores.conversations.withContact(theirs.contact, (tx) => tx.jobs.cancel(`t:${theirs.caseId}`))).toBe(1);
  });

  it('backs off after a failure, runs again, and gives up after the last attempt; an unknown kind is dead at once', async () => {
    const w = world();
    const { caseId, contact } = await newCase(w.stores);
    let calls = 0;
    const flaky: JobHandler = async (ctx) => {
      calls++;
      // Written, then thrown: the transaction rolls back, so nothing of a failed run stays.
      await note(ctx);
      if (calls < 3) throw new Error(`boom ${calls}`);
      return 'done';
    };
    const always: JobHandler = async () => {
      throw new Error('never works');
    };
    const scheduler = createScheduler({
      store: w.stores.after.jobs,
      cases: w.stores.cases,
      conversations: w.stores.conversations,
      handlers: { 'test.flaky': flaky, 'test.always': always },
      clock: w.clock,
      maxAttempts: 3,
    });
    await schedule(w.stores, contact, [
      { caseId, key: `t:${caseId}:flaky`, dueAt: T0, kind: 'test.flaky' },
      { caseId, key: `t:${caseId}:always`, dueAt: T0, kind: 'test.always' },
      { caseId, key: `t:${caseId}:unknown`, dueAt: T0, kind: 'test.nobody' },
    ]);
    expect(await scheduler.run()).toEqual({ finished: 0, failed: 3 });
    const byKey = async () => Object.fromEntries((await w.stores.after.jobs.ofCase(caseId)).map((j) => [j.key.split(':').pop(), j]));
    let jobs = await byKey();
    expect(jobs['unknown']).toMatchObject({ outcome: 'dead', lastError: 'no handler for test.nobody' });
    expect(jobs['flaky']).toMatchObject({ outcome: null, attempts: 1, lastError: 'boom 1', dueAt: new Date(T0.getTime() + jobBackoffMs(1)) });

    // Not again before the backoff has passed.
    expect(await scheduler.run()).toEqual({ finished: 0, failed: 0 });
    w.advance(jobBackoffMs(1));
    expect(await scheduler.run()).toEqual({ finished: 0, failed: 2 });
    w.advance(jobBackoffMs(2));
    expect(await scheduler.run()).toEqual({ finished: 1, failed: 1 });
    jobs = await byKey();
    expect(jobs['flaky']).toMatchObject({ outcome: 'done', attempts: 3, lastError: null });
    expect(jobs['always']).toMatchObject({ outcome: 'dead', attempts: 3, lastError: 'never works' });
    // The two failed runs of the flaky job left nothing behind.
    expect(await ran(w.stores, caseId)).toEqual([`t:${caseId}:flaky`]);
    w.advance(HOUR * 24);
    expect(await scheduler.run()).toEqual({ finished: 0, failed: 0 });
  });

  it('does the work once when a lease runs out while a runner still holds the job', async () => {
    const w = world();
    const { caseId, contact } = await newCase(w.stores);
    const leaseMs = 5 * MINUTE;
    await schedule(w.stores, contact, [{ caseId, key: `t:${caseId}:slow`, dueAt: T0 }]);
    // Runner A leases the job, then stalls past its lease.
    const [leased] = await w.stores.after.jobs.claim(w.clock(), 10, { leaseMs, maxAttempts: 8 });
    expect(leased?.key).toBe(`t:${caseId}:slow`);
    // Meanwhile nobody else gets it.
    expect(await w.stores.after.jobs.claim(w.clock(), 10, { leaseMs, maxAttempts: 8 })).toEqual([]);
    w.advance(leaseMs + 1);
    // Runner B leases it again and does it.
    const b = createScheduler({ store: w.stores.after.jobs, cases: w.stores.cases, conversations: w.stores.conversations, handlers: { 'test.note': note }, clock: w.clock, leaseMs });
    expect((await b.run()).finished).toBe(1);
    // Runner A wakes up: the job is finished, so its run does nothing.
    const took = await w.stores.conversations.withContact(contact, (tx) => tx.jobs.take(leased!.id));
    expect(took).toBeNull();
    expect(await ran(w.stores, caseId)).toEqual([`t:${caseId}:slow`]);
    expect((await w.stores.after.jobs.ofCase(caseId))[0]).toMatchObject({ attempts: 2, outcome: 'done' });
  });

  it('two runners racing over the same due jobs do each exactly once', async () => {
    const w = world();
    const cases = await Promise.all(Array.from({ length: 24 }, () => newCase(w.stores)));
    for (const c of cases) {
      await schedule(w.stores, c.contact, [
        { caseId: c.caseId, key: `t:${c.caseId}:1`, dueAt: new Date(T0.getTime() - MINUTE) },
        { caseId: c.caseId, key: `t:${c.caseId}:2`, dueAt: T0 },
      ]);
    }
    // Two runners as two instances would have them: each its own scheduler (and, on PostgreSQL,
    // its own connections from the pool), and a handler slow enough that their runs overlap.
    const slowNote: JobHandler = async (ctx) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return note(ctx);
    };
    const make = () =>
      createScheduler({ store: w.stores.after.jobs, cases: w.stores.cases, conversations: w.stores.conversations, handlers: { 'test.note': slowNote }, clock: w.clock });
    const [a, b] = await Promise.all([make().run(), make().run()]);
    expect(a.failed + b.failed).toBe(0);
    expect(a.finished + b.finished).toBe(48);
    // Both really ran: the race was a race.
    expect(a.finished).toBeGreaterThan(0);
    expect(b.finished).toBeGreaterThan(0);
    for (const c of cases) expect((await ran(w.stores, c.caseId)).sort()).toEqual([`t:${c.caseId}:1`, `t:${c.caseId}:2`]);
    for (const c of cases) expect((await w.stores.after.jobs.ofCase(c.caseId)).map((j) => [j.outcome, j.attempts])).toEqual([['done', 1], ['done', 1]]);
  });
});
