/**
 * The web chat as a channel adapter. It has nothing to deliver: the person reads the answers in the
 * response and everything else (a counsellor's words, status news) in the transcript, which the page
 * loads; it cannot send first, so it follows no events.
 */
import type { AdapterContext, ChannelAdapter } from '../adapter.js';
import { clientAddress } from '../../http/client-address.js';
import { webChat, webTokenSecret } from './index.js';

export const WEB_CHANNEL = 'web';

export function createWebAdapter(ctx: AdapterContext): ChannelAdapter {
  const { content, translator } = ctx;
  return {
    name: WEB_CHANNEL,
    capabilities: { buttons: true, push: false, deleteMessages: false, threads: false },
    subscriptions: {},
    deliverers: {},
    mount: (core) => ({
      routes: webChat({
        service: core.service,
        languages: content.languages,
        t: (language, key) => translator.label(language, key),
        defaultLanguage: content.languages[0]?.tag ?? 'en',
        tokenSecret: webTokenSecret(ctx.env),
        limits: {
          limiter: ctx.limiter,
          address: (c) => clientAddress(c, ctx.env.CLIENT_IP_HEADER),
          newConversationsPerHour: ctx.env.WEB_NEW_CONVERSATIONS_PER_HOUR,
          messagesPerMinute: ctx.env.WEB_MESSAGES_PER_MINUTE,
          requestsPerMinutePerAddress: ctx.env.WEB_REQUESTS_PER_MINUTE_PER_ADDRESS,
        },
        clock: ctx.clock,
        https: ctx.env.PUBLIC_URL?.startsWith('https://') ?? false,
      }),
    }),
  };
}
