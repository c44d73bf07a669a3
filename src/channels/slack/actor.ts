/** Who did something in Slack, as the case model and the timeline see them. */
import type { Staff } from '../../conversation/case-model.js';
import type { Actor } from '../../conversation/case-workflow.js';
import { mention } from './card.js';

/**
 * A Slack user as staff. Until Slack users are mapped to dashboard users, every member of the
 * handoff channel acts with a coordinator's rights, as before the case model existed.
 */
export function slackStaff(user: { id: string; username?: string | undefined; name?: string | undefined }): Staff {
  const id = `slack:${user.id}`;
  return { id, name: `@${user.username ?? user.name ?? user.id}`, role: 'coordinator', protection: true, actorIds: [id] };
}

/** How a message names an actor: a Slack mention when they are a Slack user, else their name. */
export function actorRef(actor: Actor): { raw: Record<string, string>; params: Record<string, string> } {
  const who = mention(actor.id);
  return who ? { raw: { by: who }, params: {} } : { raw: {}, params: { by: actor.name } };
}
