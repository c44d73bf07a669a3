import type { UserFromGetMe } from 'grammy/types';

/**
 * What `getMe` would say, built from the token (`<bot id>:<secret>`), so a cold start (a Worker, a
 * fresh webhook process) needs no `getMe` call. The username is a stand-in: nothing here relies on
 * it (commands are matched by the conversation service, with any `@name` suffix); in polling mode
 * the real one is fetched.
 */
export function botInfoFromToken(token: string): UserFromGetMe {
  const id = Number(/^(\d{1,15}):[\w-]+$/.exec(token)?.[1]);
  if (!Number.isSafeInteger(id) || id <= 0) {
    throw new Error('TELEGRAM_BOT_TOKEN does not look like a bot token (<bot id>:<secret>, from @BotFather)');
  }
  return {
    id,
    is_bot: true,
    first_name: 'Assistant',
    username: `bot${id}`,
    can_join_groups: false,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
    can_connect_to_business: false,
    has_main_web_app: false,
    has_topics_enabled: false,
    allows_users_to_create_topics: false,
    can_manage_bots: false,
    supports_join_request_queries: false,
  };
}
