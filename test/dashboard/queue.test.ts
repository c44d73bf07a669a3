import { describe, expect, it } from 'vitest';
import { applicationsCsv, csvCell } from '../../src/dashboard/csv.js';
import { SENSITIVE_ANSWERS } from '../../src/flow/data-categories.js';
import { changeCase } from '../support/cases.js';
import { useTestDatabase } from '../support/db.js';
import { dashboardApp, NOW, seedCase, signIn } from './harness.js';

const database = useTestDatabase();
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000);

/** The references in the queue table, in order. */
const references = (html: string) => [...html.matchAll(/<tr[^>]*data-reference="([^"]+)"/g)].map((m) => m[1]);
const rowOf = (html: string, reference: string) => new RegExp(`<tr([^>]*)data-reference="${reference}"`).exec(html)?.[1] ?? '';

describe('the queue', () => {
  it('filters, sorts, pages and counts, and marks cases past their pick-up target', async () => {
    const t = await dashboardApp(database());
    const protectionLate = await seedCase(t, { kind: 'protection', queue: 'protection', outcome: 'REFER_PROTECTION', rules: ['R2'], createdAt: hoursAgo(3), language: 'ar' });
    const protectionFresh = await seedCase(t, { kind: 'protection', queue: 'protection', outcome: 'REFER_PROTECTION', urgent: true, rules: ['R1'], createdAt: hoursAgo(1) });
    const avrrLate = await seedCase(t, { createdAt: hoursAgo(50), nationality: 'IQ', returnCountry: 'IQ' });
    const avrrFresh = await seedCase(t, { createdAt: hoursAgo(47), outcome: 'LIKELY_ELIGIBLE', rules: [] });
    const claimedLate = await seedCase(t, { createdAt: hoursAgo(100), assignee: 'slack:U1' });
    const closed = await seedCase(t, { createdAt: hoursAgo(5) });
    await changeCase(t, closed.id, { status: 'closed' }, NOW);
    const agent = await signIn(t, 'queue@example.org', 'coordinator');

    const all = await agent.get('/admin');
    // Urgent first, then protection, then the longest waiting.
    expect(references(all.html)).toEqual([protectionFresh.reference, protectionLate.reference, claimedLate.reference, avrrLate.reference, avrrFresh.reference]);
    expect(rowOf(all.html, protectionLate.reference)).toContain('class="late"');
    expect(rowOf(all.html, protectionFresh.reference)).not.toContain('late');
    expect(rowOf(all.html, avrrLate.reference)).toContain('class="late"');
    expect(rowOf(all.html, avrrFresh.reference)).not.toContain('late');
    expect(rowOf(all.html, claimedLate.reference)).not.toContain('late');
    expect(all.html).toContain('Cases found: 5');

    const counts = await t.stores.dashboard.queue.counts(NOW, (q) => (q === 'protection' ? 2 : 48));
    expect(counts).toEqual([
      { queue: 'protection', open: 2, unclaimed: 2, urgent: 1, overdue: 1 },
      { queue: 'avrr', open: 3, unclaimed: 2, urgent: 0, overdue: 1 },
      { queue: 'general', open: 0, unclaimed: 0, urgent: 0, overdue: 0 },
    ]);

    const cases = async (query: string) => references((await agent.get(`/admin?${query}`)).html);
    expect(await cases('queue=protection')).toEqual([protectionFresh.reference, protectionLate.reference]);
    expect(await cases('outcome=LIKELY_ELIGIBLE')).toEqual([avrrFresh.reference]);
    expect(await cases('language=ar')).toEqual([protectionLate.reference]);
    expect(await cases('nationality=IQ')).toEqual([avrrLate.reference]);
    expect(await cases('return=IQ')).toEqual([avrrLate.reference]);
    expect(await cases('urgent=yes')).toEqual([protectionFresh.reference]);
    expect(await cases('unassigned=1&queue=avrr')).toEqual([avrrLate.reference, avrrFresh.reference]);
    expect(await cases('waiting=48h')).toEqual([claimedLate.reference, avrrLate.reference]);
    expect(await cases('status=closed')).toEqual([closed.reference]);
    expect(await cases('status=all&sort=newest')).toEqual([
      protectionFresh.reference,
      protectionLate.reference,
      closed.reference,
      avrrFresh.reference,
      avrrLate.reference,
      claimedLate.reference,
    ]);
    // A hand-edited, nonsensical value is ignored rather than refused.
    expect(await cases('queue=everything&urgent=maybe')).toHaveLength(5);

    for (let i = 0; i < 26; i++) await seedCase(t, { queue: 'general', kind: 'question', outcome: null, rules: [], createdAt: hoursAgo(1) });
    const first = await agent.get('/admin?queue=general');
    expect(references(first.html)).toHaveLength(25);
    expect(first.html).toContain('Page 1 of 2');
    expect(references((await agent.get('/admin?queue=general&page=2')).html)).toHaveLength(1);
  });
});

describe('the CSV export', () => {
  it('exports the filtered cases as UTF-8 with a BOM, audit-logged, without personal answers', async () => {
    const t = await dashboardApp(database());
    const arabic = await seedCase(t, { language: 'ar', nationality: 'SY', returnCountry: 'SY', answers: { note_choice: 'نعم', age: 30 } });
    const other = await seedCase(t, { queue: 'protection', kind: 'protection', outcome: 'REFER_PROTECTION' });
    const agent = await signIn(t, 'export@example.org', 'coordinator');
    const res = await t.app.request('/admin/applications.csv?language=ar&nationality=SY', { headers: { cookie: [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="applications-2026-11-23\.csv"$/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    const lines = text.slice(1).trimEnd().split('\r\n');
    expect(lines[0]?.split(',').slice(0, 4)).toEqual(['reference', 'created_at', 'channel', 'kind']);
    expect(lines).toHaveLength(2);
    expect(text).toContain(arabic.reference);
    expect(text).toContain('نعم');
    expect(text).not.toContain(other.reference);
    expect(text).not.toContain('Ahmad Karimi');
    expect(text).not.toContain('1999-03-01');

    const { rows } = await t.stores.dashboard.audit.list({ action: 'export.csv', offset: 0, limit: 5 });
    expect(rows[0]).toMatchObject({ actor: 'export@example.org', target: 'applications', data: { rows: 1, filters: 'language=ar&nationality=SY', sensitive: false } });
  });

  it('leaves the safety and health answers out unless a coordinator asks for them, and the audit log says which', async () => {
    const t = await dashboardApp(database());
    await seedCase(t, { answers: { medical_needs: true, forced_work_or_debt: true, fear_of_return: false, identity_document: 'valid_passport' } });
    const agent = await signIn(t, 'export2@example.org', 'coordinator');
    const cookie = [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const header = async (query: string) => {
      const text = await (await t.app.request(`/admin/applications.csv${query}`, { headers: { cookie } })).text();
      return text.slice(1).split('\r\n')[0]?.split(',') ?? [];
    };
    const plain = await header('');
    expect(plain).toContain('answer.identity_document');
    for (const name of SENSITIVE_ANSWERS) expect(plain).not.toContain(`answer.${name}`);
    const asked = await header('?sensitive=1');
    expect(asked).toEqual(expect.arrayContaining(['answer.medical_needs', 'answer.forced_work_or_debt', 'answer.fear_of_return']));

    const { rows } = await t.stores.dashboard.audit.list({ action: 'export.csv', offset: 0, limit: 5 });
    expect(rows.slice(0, 2).map((r) => r.data['sensitive'])).toEqual([true, false]);
    // The queue offers both, the second saying that it is recorded.
    const queue = await agent.get('/admin');
    expect(queue.html).toContain('applications.csv?sensitive=1');
  });

  it('defuses formulas and quotes what needs quoting', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(['R1', 'R9'])).toBe('R1 R9');
    expect(applicationsCsv([], () => '')).toBe('\uFEFFreference,created_at,channel,kind,queue,status,outcome,urgent,rules,route,rules_version,language,nationality,return_country,host_country,assignee,updated_at\r\n');
  });
});
