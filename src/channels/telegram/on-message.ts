import type { Context, Filter } from 'grammy';
import type { NotifyOptions } from '../../conversation/types.js';
import { answerKeyFor, EDITED_ANSWER } from './content-kind.js';
import { contactOf, updateIdOf, type HandlerDeps } from './context.js';
import { readText } from './read-text.js';

/** A text message (or command): one turn of the conversation; the replies go to the outbox. */
export async function onText(ctx: Filter<Context, 'message:text'>, deps: HandlerDeps): Promise<void> {
  const { text } = ctx.message;
  await deps.service.handle({
    ...contactOf(ctx.chat.id),
    updateId: updateIdOf(ctx),
    inbound: readText(text, deps.languages),
    text,
    ...(ctx.from?.language_code ? { languageHint: ctx.from.language_code } : {}),
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
