/**
 * Who does something in Slack. A Slack user acts only as the dashboard user their account is
 * linked to (by the Slack id kept on the user, or, where the app may read e-mails, by the address
 * Slack vouches for); anyone else in the workspace, guests included, can do nothing.
 */
import type { Staff } from '../../conversation/case-model.js';
import type { Actor } from '../../conversation/case-workflow.js';
import type { StaffDirectory } from '../../conversation/ports.js';
import { mention } from './card.js';
import type { SlackClient } from './client.js';

export const SLACK_TOOL = 'slack';

export type SlackStaff = (userId: string) => Promise<Staff | null>;

export function slackStaffResolver(staff: StaffDirectory, client: SlackClient, log: (level: 'warn', message: string, data?: Record<string, unknown>) => void): SlackStaff {
  return async (userId) => {
    const linked = await staff.byToolUser(SLACK_TOOL, userId);
    if (linked) return linked;
    // Not linked yet: the e-mail of their Slack profile (scope users:read.email), when Slack has one.
    let email: string | undefined;
    try {
      const info = await client.users.info({ user: userId });
      // A guest's e-mail does not make them staff: only full members of the workspace are looked up.
      if (info.user?.is_restricted || info.user?.is_ultra_restricted || info.user?.is_bot) return null;
      email = info.user?.profile?.email;
    } catch (error) {
      log('warn', 'slack: users.info failed; the user is not linked', { error: error instanceof Error ? error.message : String(error) });
      return null;
    }
    return email ? staff.linkByEmail(SLACK_TOOL, userId, email) : null;
  };
}

/** How a message names an actor: a Slack mention when they are a Slack user, else their name. */
export function actorRef(actor: Actor): { raw: Record<string, string>; params: Record<string, string> } {
  const who = mention(actor.id);
  return who ? { raw: { by: who }, params: {} } : { raw: {}, params: { by: actor.name } };
}
