/**
 * The Slack channel for counsellors: case cards in one channel, claiming, the live line in each
 * card's thread, canned replies, status changes, App Home and `/avrr`. Public surface of the folder.
 */
import { App, LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Hono } from 'hono';
import type { CaseThreads } from '../../conversation/case-lifecycle.js';
import type { CaseTemplate } from '../../conversation/case-templates.js';
import type { CaseFollower } from '../../conversation/case-workflow-impl.js';
import type { CaseWorkflow } from '../../conversation/case-workflow.js';
import type { Deliverer } from '../../conversation/outbox-worker.js';
import type { CaseRecord, CaseStore, Channel, ContactTx, ConversationStore, OutboxItem } from '../../conversation/ports.js';
import type { ConversationDeps } from '../../conversation/service.js';
import type { RenderedMessage } from '../../conversation/types.js';
import type { Language } from '../../flow/languages.js';
import type { Translator } from '../../i18n/translator.js';
import type { CardContext } from './card.js';
import { createSlackClient, slackClientOptions } from './client.js';
import { createAvrrCommand } from './commands.js';
import { slackDeliverers } from './deliverers.js';
import { slackFollower } from './follower.js';
import { registerListeners } from './listeners.js';
import { createReplyHandler, relayAttachment, relayToThread } from './live-line.js';
import { SlackText } from './mrkdwn.js';
import { cardItem } from './outbox-items.js';
import { Background, HonoReceiver, slackRoutes } from './receiver.js';

type Log = (level: 'warn' | 'error', message: string, data?: Record<string, unknown>) => void;

export interface SlackDeps {
  botToken: string;
  signingSecret: string;
  /** SLACK_API_URL: another Web API base (the tests' fake). */
  apiUrl?: string | undefined;
  handoffChannel: string;
  cases: CaseStore & CaseThreads;
  conversations: ConversationStore;
  workflow: CaseWorkflow;
  translator: Translator;
  languages: readonly Language[];
  templates: readonly CaseTemplate[];
  /** The migrant channels' outbox routes (Telegram), read at call time. */
  routes: Partial<Record<Channel, (key: { channelUserId: string }, message: RenderedMessage) => OutboxItem>>;
  /** Every deliverer of the app, read at call time. */
  deliverers: () => Readonly<Record<string, Deliverer>>;
  /** Delivers what is due now (the outbox worker's run). */
  flush: () => Promise<unknown>;
  /** The outbox worker's attempt limit (to say in the thread when a reply is given up). */
  maxAttempts?: number;
  /** The dashboard's one-time sign-in link (`/avrr login`); without it the DM says it is not there yet. */
  loginLink?: ((who: { slackUserId: string } | { email: string }) => Promise<string | null>) | undefined;
  clock: () => Date;
  log: Log;
}

export interface SlackChannel {
  /** `POST /slack/events`. */
  routes: Hono;
  deliverers: Record<string, Deliverer>;
  /** The conversation service's live-line hook. */
  relay: NonNullable<ConversationDeps['relay']>;
  /** A photo or file arrived outside the service: notes it in the thread while the line is open. */
  relayAttachment: (tx: ContactTx, now: Date) => Promise<boolean>;
  /** Queues the card of a new case, in the transaction that created it. */
  onCaseCreated: (tx: ContactTx, created: CaseRecord) => Promise<void>;
  /** Card and thread updates after a workflow change. */
  follower: CaseFollower;
  /** Resolves when the work started after the last acks has finished (tests, shutdown). */
  idle(): Promise<void>;
}

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

export function slackChannel(deps: SlackDeps): SlackChannel {
  const logger = boltLogger(deps.log);
  const client = createSlackClient({ token: deps.botToken, apiUrl: deps.apiUrl, logger });
  const text = new SlackText(deps.translator);
  const card: CardContext = { text, languages: deps.languages, templates: deps.templates };
  const receiver = new HonoReceiver();
  const background = new Background();
  const bolt = new App({
    receiver,
    // One workspace, one bot token: no installation store, no auth.test per request.
    authorize: async () => ({ botToken: deps.botToken }),
    ignoreSelf: false,
    logger,
    clientOptions: slackClientOptions({ apiUrl: deps.apiUrl }),
  });
  registerListeners(bolt, {
    client,
    cases: deps.cases,
    workflow: deps.workflow,
    card,
    handoffChannel: deps.handoffChannel,
    onThreadMessage: createReplyHandler({
      cases: deps.cases,
      conversations: deps.conversations,
      translator: deps.translator,
      routes: deps.routes,
      fallbackLanguage: deps.languages[0]?.tag ?? 'en',
    }),
    avrr: createAvrrCommand({ cases: deps.cases, workflow: deps.workflow, client, card, templates: deps.templates, loginLink: deps.loginLink }),
    flush: deps.flush,
    clock: deps.clock,
    log: deps.log,
  });
  return {
    routes: slackRoutes({ signingSecret: deps.signingSecret, receiver, background, clock: deps.clock, log: deps.log }),
    deliverers: slackDeliverers({
      client,
      cases: deps.cases,
      conversations: deps.conversations,
      card,
      handoffChannel: deps.handoffChannel,
      deliverers: deps.deliverers,
      maxAttempts: deps.maxAttempts ?? 12,
      clock: deps.clock,
      log: deps.log,
    }),
    relay: relayToThread(),
    relayAttachment,
    onCaseCreated: async (tx, created) => {
      await tx.enqueue([cardItem(created.id)], created.createdAt);
    },
    follower: slackFollower(text, deps.languages),
    idle: () => background.idle(),
  };
}

export { ACTION } from './card.js';
export { verifySlackSignature } from './verify.js';
