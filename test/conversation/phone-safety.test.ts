/**
 * "Is it safe to contact you on this phone?" changes what the service does (issue: a safe phone).
 * On a channel that pushes (Telegram): with "wait" nothing is sent first and the news waits for the
 * person's next message; with "discreet" only a neutral notice goes out; counsellors are refused
 * while the person is not writing, and answered normally while they are.
 */
import { describe, expect, it } from 'vitest';
import type { Staff } from '../../src/conversation/case-model.js';
import { CaseWorkflowError } from '../../src/conversation/case-workflow-impl.js';
import { PRESENCE_MS } from '../../src/conversation/contact-reach.js';
import { useTestDatabase } from '../support/db.js';
import { telegramHarness, texts, useFakeTelegram, type Harness } from '../channels/telegram/harness.js';
import type { TelegramChat } from '../support/fake-telegram/index.js';

const database = useTestDatabase();
const fake = useFakeTelegram();
const coordinator: Staff = { id: 'user:c1', name: 'coordinator@example.org', role: 'coordinator', protection: true, actorIds: ['user:c1'] };
const code = (p: Promise<unknown>) => p.then(() => 'ok', (e: unknown) => (e instanceof CaseWorkflowError ? e.code : String(e)));

/** An English speaker who agreed, asked for a counsellor (a case), and chose how they may be messaged. */
async function personWhoChose(h: Harness, mode: 'push' | 'discreet' | 'wait'): Promise<{ chat: TelegramChat; reference: string }> {
  const chat = h.person('en');
  await chat.text('/start');
  await chat.press('en');
  await chat.press('agree');
  await chat.text('/counsellor');
  await chat.text('/notifications');
  await chat.press(mode);
  const reference = (await h.stores.cases.assignedTo([])).length >= 0 ? await referenceOf(h, chat) : '';
  return { chat, reference };
}

async function referenceOf(h: Harness, chat: TelegramChat): Promise<string> {
  const found = await h.stores.conversations.withContact({ channel: 'telegram', channelUserId: String(chat.user.id) }, async (tx) => (await tx.cases())[0]);
  if (!found) throw new Error('no case');
  return found.reference;
}

/** What the bot sent this chat since `from` (an index into the fake's calls). */
function sentSince(h: Harness, chat: TelegramChat, from: number): string[] {
  return texts(h.fake.calls.slice(from).filter((c) => c.method === 'sendMessage' && Number(c.params['chat_id']) === chat.user.id && c.status === 200));
}

async function flush(h: Harness): Promise<void> {
  for (let i = 0; i < 5 && (await h.worker.run()) > 0; i++);
}

describe('a phone that is not safe to message first', () => {
  it('sends nothing first; the news waits and comes when the person writes', async () => {
    const h = await telegramHarness(database(), fake());
    const { chat, reference } = await personWhoChose(h, 'wait');
    expect(sentSince(h, chat, 0).at(-1)).toContain('We will not message you first');
    // Later, when the person is gone: a coordinator approves the application.
    h.clock.advance(PRESENCE_MS + 60_000);
    const before = h.fake.calls.length;
    await h.workflow.setStatus(reference, 'approved', coordinator);
    await flush(h);
    expect(sentSince(h, chat, before)).toEqual([]);
    // A counsellor cannot write first either, and is told why.
    expect(await code(h.workflow.sendTemplate(reference, 'phone_call', coordinator))).toBe('do_not_message_first');

    // The person writes: the news comes first, then the answer to what they wrote.
    const reply = await chat.text('/menu');
    const got = texts(reply.sent);
    expect(got[0]).toBe(h.translator.t('en', 'common:news_header'));
    expect(got[1]).toBe(h.translator.t('en', 'case_notice:status.approved', { case_reference: reference }));
    expect(got.at(-1)).toBe(h.translator.t('en', 'menu:main'));
    // It is given once.
    expect(texts((await chat.text('/menu')).sent)).toEqual([h.translator.t('en', 'menu:main')]);
    // While they are writing, a counsellor may answer.
    expect(await code(h.workflow.sendTemplate(reference, 'phone_call', coordinator))).toBe('ok');
    const answered = h.fake.calls.length;
    await flush(h);
    expect(sentSince(h, chat, answered)).toHaveLength(1);
  });

  it('on a discreet phone sends only a neutral notice, once, that names nothing', async () => {
    const h = await telegramHarness(database(), fake());
    const { chat, reference } = await personWhoChose(h, 'discreet');
    h.clock.advance(PRESENCE_MS + 60_000);
    const before = h.fake.calls.length;
    await h.workflow.setStatus(reference, 'in_review', coordinator);
    await h.workflow.sendTemplate(reference, 'phone_call', coordinator);
    await flush(h);
    const pushed = sentSince(h, chat, before);
    expect(pushed).toEqual([h.translator.t('en', 'common:news_waiting')]);
    for (const word of ['IOM', 'return', 'case', reference, 'counsellor', 'application']) expect(pushed[0]?.toLowerCase()).not.toContain(word.toLowerCase());
    const reply = texts((await chat.text('hello')).sent);
    expect(reply.slice(0, 3)).toEqual([
      h.translator.t('en', 'common:news_header'),
      h.translator.t('en', 'case_notice:status.in_review', { case_reference: reference }),
      expect.stringContaining('talk by phone'),
    ]);
  });

  it('lets the person change their answer, and a phone that is safe gets news at once', async () => {
    const h = await telegramHarness(database(), fake());
    const { chat, reference } = await personWhoChose(h, 'wait');
    await chat.text('/notifications');
    await chat.press('push');
    h.clock.advance(PRESENCE_MS + 60_000);
    const before = h.fake.calls.length;
    await h.workflow.setStatus(reference, 'in_review', coordinator);
    await flush(h);
    expect(sentSince(h, chat, before)).toEqual([h.translator.t('en', 'case_notice:status.in_review', { case_reference: reference })]);
  });

  it('an application answer "not safe" sets the same setting', async () => {
    const h = await telegramHarness(database(), fake());
    const chat = h.person('en');
    await chat.text('/start');
    const key = { channel: 'telegram', channelUserId: String(chat.user.id) };
    await h.stores.conversations.withContact(key, (tx) => tx.setReach('push'));
    // The flow's action, as the application's question runs it with the answer "no".
    const { setPhoneSafety } = await import('../../src/conversation/effects/phone-safety.js');
    await h.stores.conversations.withContact(key, async (tx) => {
      const result = await setPhoneSafety({ tx, params: { mode: false } } as unknown as Parameters<typeof setPhoneSafety>[0]);
      expect(result.vars).toEqual({ phone_reach: 'wait' });
    });
    expect((await h.stores.conversations.withContact(key, async (tx) => tx.contact)).reach).toBe('wait');
  });
});
