import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../support/db.js';
import { realContent } from '../support/app.js';
import { dashboardApp, signIn } from './harness.js';

const database = useTestDatabase();

describe('lists coordinators maintain', () => {
  it('seeds the destinations list from the rules file, then versions every change', async () => {
    const t = await dashboardApp(database());
    const agent = await signIn(t, 'lists@example.org', 'coordinator');
    const page = await agent.get('/admin/lists');
    expect(page.status).toBe(200);
    const seeded = await t.stores.dashboard.lists.destinations();
    expect(seeded?.version).toBe(1);
    expect(seeded?.changedBy).toBe('seed');
    expect(seeded?.entries.find((e) => e.country === 'AF')?.status).toBe('suspended');
    expect(page.html).toContain('Afghanistan (AF)');

    const change = await agent.post('/admin/lists/destinations', { based_on: '1', country: 'af', status: 'limited', since: '2026-11-01', note: 'Case by case' });
    expect(change.headers.get('location')).toBe('/admin/lists?done=destinations#destinations');
    const v2 = await t.stores.dashboard.lists.destinations();
    expect(v2?.version).toBe(2);
    expect(v2?.change).toBe('AF: suspended -> limited');
    expect(v2?.changedBy).toBe('lists@example.org');
    // Saving an entry is checking it: the day is what the person is told with the state.
    expect(v2?.entries.find((e) => e.country === 'AF')).toEqual({ country: 'AF', status: 'limited', since: '2026-11-01', note: 'Case by case', checked: '2026-11-23' });
    // The earlier version stays as it was.
    expect((await t.stores.dashboard.lists.destinationHistory(10)).map((h) => h.version)).toEqual([2, 1]);

    // Someone who still looks at version 1 cannot overwrite version 2.
    const stale = await agent.post('/admin/lists/destinations', { based_on: '1', country: 'IQ', status: 'suspended', since: '2026-11', note: 'x' });
    expect(stale.headers.get('location')).toContain('error=stale_list');
    expect((await t.stores.dashboard.lists.destinations())?.version).toBe(2);

    await agent.post('/admin/lists/destinations/remove', { based_on: '2', country: 'AF' });
    const v3 = await t.stores.dashboard.lists.destinations();
    expect(v3?.version).toBe(3);
    expect(v3?.entries.some((e) => e.country === 'AF')).toBe(false);

    // What the screening gets: the list in force, its version as text.
    expect(await t.dashboard.lists.destinationsInForce()).toEqual({ version: '3', entries: v3?.entries });
    const { rows } = await t.stores.dashboard.audit.list({ action: 'lists.destinations', offset: 0, limit: 10 });
    expect(rows.map((r) => r.target)).toEqual(['destinations:3', 'destinations:2']);
    expect((await agent.post('/admin/lists/destinations', { based_on: '3', country: 'AFG', status: 'open', since: 'now', note: '' })).headers.get('location')).toContain('error=bad_form');
  });

  it('seeds the services directory once, verified only where the seed cites a source; the bot sees contacts only once verified', async () => {
    const t = await dashboardApp(database());
    const agent = await signIn(t, 'services@example.org', 'coordinator');
    const page = await agent.get('/admin/lists');
    const services = await t.stores.dashboard.lists.services();
    expect(services.length).toBeGreaterThan(10);
    // The seed verifies only contacts it found on a public page (flows/directory/services.yaml).
    expect(services.filter((s) => s.verified).map((s) => s.name).sort()).toEqual(['ASTRA – Akcija protiv trgovine ljudima', 'IDEAS', 'Udruženje građana za promociju obrazovanja Roma „Otaharin“', 'Vaša prava BiH']);
    expect(page.html).toContain('to be verified');

    const iom = services.find((s) => s.name === 'IOM Srbija');
    expect(iom).toBeDefined();
    await agent.post('/admin/lists/services', { id: iom!.id, country: 'RS', municipality: '', name: 'IOM Srbija', what: 'AVRR', contact: '+381 11 000 000' });
    expect((await t.dashboard.lists.directory.find('RS', null)).find((s) => s.name === 'IOM Srbija')?.contact).toBe('');
    await agent.post('/admin/lists/services', { id: iom!.id, country: 'RS', municipality: '', name: 'IOM Srbija', what: 'AVRR', contact: '+381 11 000 000', verified: '1' });
    expect((await t.dashboard.lists.directory.find('RS', null)).find((s) => s.name === 'IOM Srbija')?.contact).toBe('+381 11 000 000');

    await agent.post('/admin/lists/services', { country: 'BA', municipality: 'Bihać', name: 'New centre', what: 'Help', contact: '' });
    const inBihac = await t.dashboard.lists.directory.find('BA', 'bihac');
    expect(inBihac[0]?.name).toBe('New centre');

    // Deleting everything does not bring the seed back.
    for (const s of await t.stores.dashboard.lists.services()) await agent.post(`/admin/lists/services/${s.id}/delete`);
    await agent.get('/admin/lists');
    expect(await t.stores.dashboard.lists.services()).toEqual([]);
  });

  it('shows the canned replies and in which languages they exist', async () => {
    const t = await dashboardApp(database());
    const agent = await signIn(t, 'templates@example.org', 'coordinator');
    const page = await agent.get('/admin/lists');
    const names = Object.keys(realContent().resources['en']?.['templates'] ?? {});
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(page.html).toContain(`<code>${name}</code>`);
  });
});

describe('translations page', () => {
  it('shows coverage and draft / reviewed per language', async () => {
    const t = await dashboardApp(database());
    const agent = await signIn(t, 'tr@example.org', 'coordinator');
    const page = await agent.get('/admin/translations');
    expect(page.status).toBe(200);
    expect(page.html).toContain('العربية');
    expect(page.html).toMatch(/reviewed/);
    expect(page.html).toMatch(/draft/);
    expect(page.html).toContain('right to left');
    expect(page.html).toMatch(/<meter[^>]*value="\d+"/);
  });
});
