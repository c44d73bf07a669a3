/**
 * The documents checklist: kept by the counsellor as a case change, told to the person with its
 * progress, shown in their language with what each document is and where to get it, and in /status.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CaseWorkflowError } from '../../src/conversation/case-workflow-impl.js';
import type { ContactKey } from '../../src/conversation/ports.js';
import type { Inbound } from '../../src/engine/types.js';
import { NOW, testApp, type TestApp } from '../support/app.js';
import { applicant, COUNSELLOR, toldTo } from '../support/after.js';
import { useTestDatabase } from '../support/db.js';

const database = useTestDatabase();

function say(t: TestApp, contact: ContactKey, inbound: Inbound) {
  return t.service.handle({ ...contact, updateId: randomUUID(), inbound, receivedAt: NOW });
}

describe('the documents checklist', () => {
  it('is kept by the counsellor who holds the case; the person is told how far it is, once per change', async () => {
    const t = await testApp(database());
    const p = await applicant(t, { language: 'en' });
    const other = { ...COUNSELLOR, id: 'user:other', actorIds: ['user:other'] };
    await expect(t.documents.save(p.record.reference, [{ item: 'travel_document', status: 'needed' }], other)).rejects.toBeInstanceOf(CaseWorkflowError);

    expect(
      await t.documents.save(
        p.record.reference,
        [
          { item: 'travel_document', status: 'needed' },
          { item: 'birth_certificate', status: 'ready' },
        ],
        COUNSELLOR,
      ),
    ).toBe(true);
    expect((await toldTo(t, p.contact)).at(-1)).toBe(
      'Your list of documents has changed: 1 of 2 ready. Send /documents to see what each one is and where to get it. Please do not send photos of documents here.',
    );
    // The same list again changes nothing and tells nobody.
    const told = (await toldTo(t, p.contact)).length;
    expect(await t.documents.save(p.record.reference, [{ item: 'birth_certificate', status: 'ready' }, { item: 'travel_document', status: 'needed' }], COUNSELLOR)).toBe(false);
    expect((await toldTo(t, p.contact)).length).toBe(told);

    const lines = await t.stores.after.documents.ofCase(p.record.id);
    expect(lines.map((l) => [l.item, l.status, l.updatedBy])).toEqual([
      ['travel_document', 'needed', COUNSELLOR.id],
      ['birth_certificate', 'ready', COUNSELLOR.id],
    ]);
    const events = await t.stores.cases.events(p.record.id);
    expect(events.filter((e) => e.kind === 'documents_changed').map((e) => e.data)).toEqual([{ by: COUNSELLOR.name, ready: 1, total: 2 }]);
  });

  it('shows the person each document in their language, with what it is and where to get it, and the progress in /status', async () => {
    const t = await testApp(database());
    const p = await applicant(t, { language: 'ar' });
    const none = await say(t, p.contact, { kind: 'command', command: 'documents' });
    expect(none.messages.map((m) => m.key)).toEqual(['documents:none_yet']);
    await t.documents.save(p.record.reference, [{ item: 'parent_consent', status: 'needed' }, { item: 'travel_document', status: 'ready' }], COUNSELLOR);
    const shown = await say(t, p.contact, { kind: 'command', command: 'documents' });
    expect(shown.messages.map((m) => m.key)).toEqual(['documents:list']);
    // Without the isolates that keep values readable inside right-to-left text.
    const html = shown.messages[0]!.html.replace(/[\u2068\u2069]/g, '');
    // Catalog order, the ready one ticked, the needed one with what and where.
    expect(html).toMatch(/✅ وثيقة السفر: جاهزة[\s\S]*⬜ موافقة الوالد الآخر\n[^\n]*بدونها لا يستطيع الطفل السفر[^\n]*\nمن أين تحصل عليها: /);
    const status = await say(t, p.contact, { kind: 'command', command: 'status' });
    expect(status.messages.map((m) => m.html.replace(/[\u2068\u2069]/g, '')).join('\n')).toContain('الوثائق: 1 من 2 جاهزة');
    // Taken off entirely: the person is told nothing is needed.
    await t.documents.save(p.record.reference, [], COUNSELLOR);
    expect((await toldTo(t, p.contact)).at(-1)).toContain('أزال مرشدك كل الوثائق من قائمتك');
  });
});
