/**
 * The Slack channel for counsellors: case cards in one channel, claiming, the live line in each
 * card's thread, canned replies, status changes, App Home and `/avrr`. Public surface of the folder.
 */
import { App, LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { AdapterContext, ChannelAdapter } from '../adapter.js';
import { templateCatalog } from '../../conversation/case-templates.js';
import { SlackText } from './mrkdwn.js';
import type { CardContext } from './card.js';
import { createSlackClient, slackClientOptions } from './client.js';
import { createAvrrCommand } from './commands.js';
import { slackDeliverers } from './deliverers.js';
import { registerListeners } from './listeners.js';
import { createReplyHandler } from './live-line.js';
import { Background, HonoReceiver, slackRoutes } from './receiver.js';
import { slackStaffResolver } from './actor.js';
import { createSlackCards } from './store/card-store.js';
import { createPings } from './store/pings.js';
import { createRequestLog } from './store/request-log.js';
import { slackSubscriptions } from './subscriptions.js';

type Log = (level: 'warn' | 'error', message: string, data?: Record<string, unknown>) => void;

function boltLogger(log: Log): BoltLogger {
  let level = LogLevel.WARN;
  const text = (msgs: unknown[]) => msgs.map((m) => (m instanceof Error ? m.message : String(m))).join(' ');
  return {
    debug: () => {},
    info: () => {},
    warn: (...msgs: unknown[]) => log('warn', `slack (bolt): ${text(msgs)}`),
    error: (...msgs: unknown[]) => log('error', `slack (bolt): ${text(msgs)}`),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}

/** The Slack adapter, or null while SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, SLACK_HANDOFF_CHANNEL or SLACK_TEAM_ID is missing. */
export function createSlackAdapter(ctx: AdapterContext): ChannelAdapter | null {
  const { env } = ctx;
  const botToken = env.SLACK_BOT_TOKEN;
  const signingSecret = env.SLACK_SIGNING_SECRET;
  const handoffChannel = env.SLACK_HANDOFF_CHANNEL;
  const teamId = env.SLACK_TEAM_ID;
  if (!botToken || !signingSecret || !handoffChannel || !teamId) return null;
  const log: Log = (level, message, data) => ctx.log.log(level, message, data);
  const logger = boltLogger(log);
  const client = createSlackClient({ token: botToken, apiUrl: env.SLACK_API_URL, logger });
  const text = new SlackText(ctx.translator);
  const card: CardContext = { text, languages: ctx.content.languages, templates: templateCatalog(ctx.content.resources) };
  const cards = createSlackCards(ctx.db);
  return {
    name: 'slack',
    capabilities: { buttons: true, push: true, deleteMessages: true, threads: true },
    subscriptions: slackSubscriptions(text, ctx.content.languages),
    deliverers: slackDeliverers({ client, cases: ctx.cases, cards, pings: createPings(ctx.db), card, handoffChannel, after: ctx.after, clock: ctx.clock }),
    mount(core) {
      const staffOf = slackStaffResolver(core.staff, client, log);
      const receiver = new HonoReceiver();
      const background = new Background();
      const bolt = new App({
        receiver,
        // One workspace, one bot token: no installation store, no auth.test per request.
        authorize: async () => ({ botToken }),
        ignoreSelf: false,
        logger,
        clientOptions: slackClientOptions({ apiUrl: env.SLACK_API_URL }),
      });
      registerListeners(bolt, {
        client,
        cases: ctx.cases,
        workflow: core.workflow,
        card,
        handoffChannel,
        teamId,
        staffOf,
        onThreadMessage: createReplyHandler({ cards, workflow: core.workflow, outbox: ctx.outbox, staffOf, clock: ctx.clock }),
        avrr: createAvrrCommand({
          cases: ctx.cases,
          workflow: core.workflow,
          client,
          card,
          templates: card.templates,
          // `/avrr login`: a one-time dashboard sign-in link by DM.
          loginLink: (who) => core.loginLink(who, 'slack'),
          appointments: core.appointments,
          offices: () => ctx.after.appointments.offices(),
          languages: ctx.content.languages.map((l) => l.tag),
          clock: ctx.clock,
        }),
        flush: () => core.flush(),
        clock: ctx.clock,
        log,
      });
      return {
        routes: slackRoutes({ signingSecret, requests: createRequestLog(ctx.db), receiver, background, clock: ctx.clock, log }),
        idle: () => background.idle(),
      };
    },
  };
}

export { ACTION } from './card.js';
export { verifySlackSignature } from './verify.js';
