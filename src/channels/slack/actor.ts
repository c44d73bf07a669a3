/** Who did something in Slack, as the case timeline records it. */
import type { Actor } from '../../conversation/case-workflow.js';
import { mention } from './card.js';

export function slackActor(user: { id: string; username?: string | undefined; name?: string | undefined }): Actor {
  return { id: `slack:${user.id}`, name: `@${user.username ?? user.name ?? user.id}` };
}

/** How a message names an actor: a Slack mention when they are a Slack user, else their name. */
export function actorRef(actor: Actor): { raw: Record<string, string>; params: Record<string, string> } {
  const who = mention(actor.id);
  return who ? { raw: { by: who }, params: {} } : { raw: {}, params: { by: actor.name } };
}
