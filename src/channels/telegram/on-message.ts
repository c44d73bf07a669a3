import type { Context, Filter } from 'grammy';
import type { NotifyOptions } from '../../conversation/types.js';
import { answerKeyFor, EDITED_ANSWER } from './content-kind.js';
import { contactOf, updateIdOf, type HandlerDeps } from './context.js';
import type { Inbound } from '../../engine/types.js';
import { readText } from './read-text.js';

// Navigation labels start with one of these in every language (common:nav_back, common:nav_menu).
const NAV_MARKS = /^[⬅➡☰]/u;

/**
 * A reply keyboard's navigation button (under a phone question) arrives as its label: it is the
 * press of that button, when the open question offers it.
 */
async function navPress(text: string, ctx: Filter<Context, 'message:text'>, deps: HandlerDeps): Promise<Inbound | null> {
  if (!NAV_MARKS.test(text)) return null;
  const open = await deps.service.current(contactOf(ctx.chat.id));
  const nav = open?.nav.find((n) => n.text === text);
  return nav ? { kind: 'choice', id: nav.id } : null;
}

/** A text message (or command): one turn of the conversation; the replies go to the outbox. */
export async function onText(ctx: Filter<Context, 'message:text'>, deps: HandlerDeps): Promise<void> {
  const { text } = ctx.message;
  const inbound = (await navPress(text.trim(), ctx, deps)) ?? readText(text, deps.languages);
  await deps.service.handle({
    ...contactOf(ctx.chat.id),
    updateId: updateIdOf(ctx),
    inbound,
    text,
    ...(ctx.from?.language_code ? { languageHint: ctx.from.language_code } : {}),
    receivedAt: deps.clock(),
  });
}

/**
 * A shared contact. The phone question's button shares the person's own number: it answers the
 * question as if typed (Telegram writes it without "+"). Anyone else's contact, or a contact while
 * no phone question is open, gets a kind answer instead and is not kept.
 */
export async function onContact(ctx: Filter<Context, 'message:contact'>, deps: HandlerDeps): Promise<void> {
  const { contact } = ctx.message;
  const key = contactOf(ctx.chat.id);
  const open = await deps.service.current(key);
  const own = contact.user_id !== undefined && contact.user_id === ctx.from.id;
  if (open?.input !== 'phone' || !own) {
    await deps.service.notify(key, own ? 'telegram:other' : 'telegram:contact_not_own', {}, answering(ctx));
    return;
  }
  const digits = contact.phone_number.replace(/[^\d+]/g, '');
  const number = digits.startsWith('+') ? digits : `+${digits}`;
  await deps.service.handle({
    ...key,
    updateId: updateIdOf(ctx),
    inbound: { kind: 'text', text: number },
    text: number,
    ...(ctx.from.language_code ? { languageHint: ctx.from.language_code } : {}),
    receivedAt: deps.clock(),
  });
}

/** Albums arrive as one update per photo; they get one answer. Remembered per process, briefly. */
function createAlbumMemory(size = 256): (id: string) => boolean {
  const seen = new Set<string>();
  return (id) => {
    if (seen.has(id)) return true;
    seen.add(id);
    if (seen.size > size) seen.delete(seen.values().next().value ?? id);
    return false;
  };
}

/** What a kind answer needs: the update it answers (a repeat sends nothing) and the language hint. */
function answering(ctx: Context & { from?: { language_code?: string } }): NotifyOptions {
  const hint = ctx.from?.language_code;
  return { updateId: updateIdOf(ctx), ...(hint ? { languageHint: hint } : {}) };
}

/** Photos, stickers, voice notes, locations, ...: a kind answer in the person's language. */
export function createOnOther(deps: HandlerDeps) {
  const albumSeen = createAlbumMemory();
  return async (ctx: Filter<Context, 'message'>): Promise<void> => {
    const key = answerKeyFor(ctx.message);
    if (!key) return;
    const album = ctx.message.media_group_id;
    if (album !== undefined && albumSeen(`${ctx.chat.id}:${album}`)) return;
    // Files and photos reach a counsellor's open live line as a note instead (they stay out of Slack).
    const { message } = ctx;
    const attachment = Boolean(message.photo ?? message.document ?? message.voice ?? message.video ?? message.audio);
    await deps.service.notify(contactOf(ctx.chat.id), key, {}, { ...answering(ctx), attachment });
  };
}

/** An edited message: edits are not read again, so the person is asked to send it anew. */
export async function onEdited(ctx: Filter<Context, 'edited_message'>, deps: HandlerDeps): Promise<void> {
  // A shared live location arrives as a stream of edits: those are not the person's doing.
  if (ctx.editedMessage.location) return;
  await deps.service.notify(contactOf(ctx.chat.id), EDITED_ANSWER, {}, answering(ctx));
}

/** The person blocked the bot (kicked) or started it again (member). */
export async function onMembership(ctx: Filter<Context, 'my_chat_member'>, deps: HandlerDeps): Promise<void> {
  const status = ctx.myChatMember.new_chat_member.status;
  if (status === 'kicked') {
    deps.blocked.add(ctx.chat.id);
    await deps.service.setReachable(contactOf(ctx.chat.id), false);
  } else if (status === 'member') {
    deps.blocked.delete(ctx.chat.id);
    await deps.service.setReachable(contactOf(ctx.chat.id), true);
  }
}
