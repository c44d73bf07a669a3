/**
 * Dashboard users as the staff other tools act for: a chat tool's user is staff only while linked
 * to an enabled dashboard user (today: Slack, through `users.slack_user_id`).
 */
import type { StaffDirectory } from '../conversation/ports.js';
import type { DashboardStores, User } from './ports.js';
import { staffOf } from './roles.js';

const usable = (user: User | null): User | null => (user && user.disabledAt === null ? user : null);

export function staffDirectory(stores: Pick<DashboardStores, 'auth' | 'audit'>, clock: () => Date): StaffDirectory {
  return {
    async byToolUser(tool, toolUserId) {
      if (tool !== 'slack') return null;
      const user = usable(await stores.auth.userBySlackId(toolUserId));
      return user ? staffOf(user) : null;
    },
    async linkByEmail(tool, toolUserId, email) {
      if (tool !== 'slack') return null;
      const user = usable(await stores.auth.userByEmail(email));
      if (!user || user.slackUserId !== null) return null;
      if (await stores.auth.userBySlackId(toolUserId)) return null;
      const linked = await stores.auth.updateUser(user.id, { slackUserId: toolUserId }, clock());
      if (!linked) return null;
      await stores.audit.record(
        { actorId: null, actor: `slack:${toolUserId}`, action: 'user.link_slack', target: `user:${user.id}`, data: { email: user.email, by: 'slack users.info email' } },
        clock(),
      );
      return staffOf(linked);
    },
  };
}
