import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../support/db.js';
import { dashboardApp, seedCase, signIn } from './harness.js';

const database = useTestDatabase();

describe('the case page', () => {
  it('shows answers, personal details, the screening with each rule explained, the timeline and the transcript', async () => {
    const t = await dashboardApp(database());
    const created = await seedCase(t, { rules: ['R11', 'R14'], transcript: ['Želim ići kući <script>'] });
    const agent = await signIn(t, 'viewer@example.org', 'coordinator');
    const page = await agent.get(`/admin/cases/${created.reference}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Ahmad Karimi');
    expect(page.html).toContain('1999-03-01');
    expect(page.html).toContain('Identity document');
    // Each fired rule with the note the rules file gives it.
    expect(page.html).toMatch(/R14<\/span> Flag: [^<]*embassy/i);
    expect(page.html).toMatch(/R11<\/span> Flag: /);
    expect(page.html).toContain('the person</strong> · applied through Web chat');
    expect(page.html).toContain('Želim ići kući &lt;script&gt;');
    expect(page.html).not.toContain('<script>');

    const { rows } = await t.stores.dashboard.audit.list({ action: 'case.view', target: created.reference, offset: 0, limit: 5 });
    expect(rows).toHaveLength(1);
    expect(rows[0]?.actor).toBe('viewer@example.org');
  });

  it('changes the status through the case workflow: timeline, audit log, and the person is told', async () => {
    const t = await dashboardApp(database());
    const created = await seedCase(t);
    const agent = await signIn(t, 'changer@example.org', 'coordinator');
    await agent.get(`/admin/cases/${created.reference}`);
    const res = await agent.post(`/admin/cases/${created.reference}/status`, { status: 'documents_requested', reason: 'passport copy' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/admin/cases/${created.reference}?done=status`);

    const after = await agent.get(`/admin/cases/${created.reference}?done=status`);
    expect(after.html).toContain('Status changed. The person is told in their language.');
    expect(after.html).toContain('changed the status from Submitted to Documents requested');
    expect(after.html).toContain('passport copy');
    expect(after.html).toContain('changer@example.org');

    const view = await t.stores.cases.byReference(created.reference);
    expect(view?.status).toBe('documents_requested');
    const transcript = await t.stores.conversations.transcript(view!.contact, 10);
    expect(transcript.at(-1)?.text).toContain('we need some documents');

    const { rows } = await t.stores.dashboard.audit.list({ action: 'case.status', offset: 0, limit: 5 });
    expect(rows[0]).toMatchObject({ target: created.reference, data: { from: 'submitted', to: 'documents_requested', with_reason: true } });
    // The reason may name the person: it is on the (encrypted) timeline, never in the audit log.
    expect(JSON.stringify(rows[0])).not.toContain('passport copy');
    // An unknown status is refused before the workflow sees it.
    expect((await agent.post(`/admin/cases/${created.reference}/status`, { status: 'teleported' })).headers.get('location')).toContain('error=bad_form');
  });

  it('assigns, claims and keeps internal notes (encrypted at rest)', async () => {
    const t = await dashboardApp(database());
    const created = await seedCase(t);
    const coordinator = await signIn(t, 'lead@example.org', 'coordinator');
    await signIn(t, 'worker@example.org', 'counsellor');
    const worker = await t.stores.dashboard.auth.userByEmail('worker@example.org');
    await coordinator.get(`/admin/cases/${created.reference}`);
    expect((await coordinator.post(`/admin/cases/${created.reference}/assign`, { assignee: worker!.id })).status).toBe(303);
    expect((await t.stores.dashboard.cases.summary(created.reference))?.assignee).toBe(`user:${worker!.id}`);
    await coordinator.post(`/admin/cases/${created.reference}/notes`, { text: 'Called him; prefers Dari' });
    const page = await coordinator.get(`/admin/cases/${created.reference}`);
    expect(page.html).toContain('assigned the case to worker@example.org');
    expect(page.html).toContain('Called him; prefers Dari');

    const { sql } = await import('drizzle-orm');
    const raw = await t.stores.dashboard.cases.detail(created.reference, 10);
    expect(raw?.notes[0]?.text).toBe('Called him; prefers Dari');
    const db = database().db;
    const stored = await db.execute(sql`select text_enc from case_notes`);
    expect(JSON.stringify(stored)).not.toContain('prefers Dari');

    // Someone else's claim: the workflow refuses, the page says so.
    const other = await seedCase(t, { assignee: 'slack:UOTHER' });
    const claim = await coordinator.post(`/admin/cases/${other.reference}/claim`);
    expect(claim.headers.get('location')).toBe('/admin?error=workflow_claimed_by_other');
  });

  it('answers 404 for an unknown reference', async () => {
    const t = await dashboardApp(database());
    const agent = await signIn(t, 'four@example.org', 'admin');
    expect((await agent.get('/admin/cases/AVR-2026-999999')).status).toBe(404);
    expect((await agent.get('/admin/cases/nonsense')).status).toBe(404);
  });
});
