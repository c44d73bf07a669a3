/**
 * The case workflow with no counsellors' tool on: every change lands on the timeline and the person
 * is told in their language; refusals are typed errors that change nothing.
 */
import { describe, expect, it } from 'vitest';
import type { Role, Staff } from '../../src/conversation/case-model.js';
import { CaseWorkflowError } from '../../src/conversation/case-workflow-impl.js';
import { testApp, type TestApp } from '../support/app.js';
import { useTestDatabase } from '../support/db.js';
import { chatHistory, newChatToken } from '../channels/web/api-client.js';

const database = useTestDatabase();
const staff = (id: string, name: string, role: Role = 'counsellor'): Staff => ({ id, name, role, protection: false, actorIds: [id] });
const coordinator = staff('user:0b5e', 'ana@example.org', 'coordinator');

/** A web chat person who asked for a counsellor, in a language; returns their case reference. */
async function personWithCase(app: TestApp, language: string): Promise<{ token: string; reference: string }> {
  const token = await newChatToken(app.app);
  let n = 0;
  const send = async (input: Record<string, string>) =>
    app.app.request('/api/chat/messages', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token, id: `${token.slice(0, 6)}-${n++}`, ...input }),
    });
  const steps: Array<Record<string, string>> = [{ text: 'hi' }, { choice: language }, { choice: 'agree' }, { choice: 'counsellor' }];
  for (const input of steps) await send(input);
  expect((await chatHistory(app.app, token)).length).toBeGreaterThan(0);
  const found = await app.stores.conversations.withContact(
    { channel: 'web', channelUserId: await hashOf(token) },
    async (tx) => (await tx.cases())[0]?.reference,
  );
  if (!found) throw new Error('no case');
  return { token, reference: found };
}

async function hashOf(token: string): Promise<string> {
  const { hashToken } = await import('../../src/channels/web/token.js');
  return hashToken(token);
}

async function lastOut(app: TestApp, token: string): Promise<string> {
  return (await chatHistory(app.app, token)).filter((m) => m.direction === 'out').at(-1)?.html ?? '';
}

describe('case workflow', () => {
  it('changes the status, records who did it and why, and tells the person what it means', async () => {
    const app = await testApp(database());
    const { token, reference } = await personWithCase(app, 'bs');
    const changed = await app.workflow.setStatus(reference, 'approved', coordinator, 'documents complete');
    expect(changed.status).toBe('approved');
    expect(await lastOut(app, token)).toContain(`vaša prijava ${reference} je odobrena`);
    const events = await app.stores.cases.events(changed.id);
    expect(events.at(-1)).toMatchObject({
      kind: 'status_changed',
      actor: 'user:0b5e',
      data: { by: 'ana@example.org', from: 'submitted', to: 'approved', reason: 'documents complete' },
    });
    // The same status again changes nothing and tells nobody.
    const count = (await app.stores.cases.events(changed.id)).length;
    await app.workflow.setStatus(reference, 'approved', coordinator);
    expect((await app.stores.cases.events(changed.id)).length).toBe(count);
  });

  it('claims once; a second claimant, a closed case or an unknown reference is refused', async () => {
    const app = await testApp(database());
    const { reference } = await personWithCase(app, 'en');
    const claimed = await app.workflow.claim(reference, coordinator);
    expect(claimed.assignee).toBe('user:0b5e');
    expect(await app.workflow.claim(reference, coordinator)).toMatchObject({ assignee: 'user:0b5e' });
    const code = (p: Promise<unknown>) => p.then(() => 'ok', (e: unknown) => (e instanceof CaseWorkflowError ? e.code : String(e)));
    expect(await code(app.workflow.claim(reference, staff('user:b0', 'bo@example.org')))).toBe('claimed_by_other');
    expect(await code(app.workflow.claim('AVR-1999-000001', coordinator))).toBe('not_found');
    await app.workflow.close(reference, coordinator);
    const other = await personWithCase(app, 'en');
    await app.workflow.setStatus(other.reference, 'withdrawn', coordinator);
    expect(await code(app.workflow.claim(other.reference, coordinator))).toBe('not_open');
  });

  it('sends a canned reply in the person’s language and returns the English', async () => {
    const app = await testApp(database());
    const { token, reference } = await personWithCase(app, 'ar');
    const english = await app.workflow.sendTemplate(reference, 'phone_call', coordinator);
    expect(english).toBe('We need to talk by phone. When is a good time to call you? If it is not safe for you to talk, tell us and we will find another way.');
    expect(await lastOut(app, token)).toContain('نحتاج إلى التحدث معك عبر الهاتف');
    const code = (p: Promise<unknown>) => p.then(() => 'ok', (e: unknown) => (e instanceof CaseWorkflowError ? e.code : String(e)));
    expect(await code(app.workflow.sendTemplate(reference, 'nope', coordinator))).toBe('unknown_template');
    expect(await code(app.workflow.sendTemplate(reference, 'appointment', coordinator, { date: '2026-12-01' }))).toBe('missing_values');
  });

  it('serialises simultaneous claims: exactly one wins', async () => {
    const app = await testApp(database());
    const { reference } = await personWithCase(app, 'en');
    const results = await Promise.allSettled(['user:1', 'user:2', 'user:3'].map((id) => app.workflow.claim(reference, staff(id, id))));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });
});
