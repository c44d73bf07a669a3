/**
 * The composition root: builds the Hono app from configuration and ready-made stores. Shared by the
 * Node entry, the Workers entry and the tests; it does no I/O of its own.
 */
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { describeChannels, type Env } from './env.js';
import type { Content } from './flow/content.js';
import { Translator } from './i18n/translator.js';
import { createConversationService, type ConversationDeps } from './conversation/index.js';
import { createOutboxWorker, type Deliverer, type OutboxWorker } from './conversation/outbox-worker.js';
import { createRetention, type Retention } from './conversation/retention.js';
import type {
  ConversationService,
  ConversationStore,
  HealthCheck,
  OutboxStore,
  Screening,
  ServicesDirectory,
} from './conversation/index.js';
import { createScreening, rulesFromData } from './conversation/screening-adapter.js';
import { createLiveLists, snapshotLists } from './dashboard/lists.js';
import { webChat, webTokenSecret } from './channels/web/index.js';
import { createTelegramChannel, TELEGRAM_MESSAGE, type TelegramChannel } from './channels/telegram/index.js';
import { slackChannel, type SlackChannel } from './channels/slack/index.js';
import type { CaseThreads } from './conversation/case-lifecycle.js';
import { templateCatalog } from './conversation/case-templates.js';
import { createCaseWorkflow, type CaseFollower } from './conversation/case-workflow-impl.js';
import type { CaseWorkflow } from './conversation/case-workflow.js';
import type { CaseStore, RetentionStore } from './conversation/ports.js';
import { createDashboard, type Dashboard, type DashboardStores } from './dashboard/index.js';
import type { Logger } from './log.js';

export interface Stores {
  conversations: ConversationStore;
  outbox: OutboxStore;
  /** Case management outside a migrant's turn (Slack, the dashboard). */
  cases: CaseStore & CaseThreads;
  health: HealthCheck;
  /** Abandoned conversations and old dedupe ids. */
  retention: RetentionStore;
  /** The coordinator dashboard's queries, sign-in and audit log. */
  dashboard: DashboardStores;
}

export interface AppDeps {
  env: Env;
  content: Content;
  stores: Stores;
  log: Logger;
  clock?: () => Date;
  /** Defaults: the rules and the services directory seed from the content's data files. */
  screening?: Screening;
  directory?: ServicesDirectory;
}

export interface Built {
  app: Hono;
  service: ConversationService;
  translator: Translator;
  /** Delivers queued Telegram and Slack messages; the Node entry runs it on a timer. */
  worker: OutboxWorker;
  /** Start-up work of the channels that are on (webhook registration, ...). */
  setup: Array<() => Promise<void>>;
  /** The Telegram channel when it is on (the Node entry starts its polling in TELEGRAM_MODE=polling). */
  telegram: TelegramChannel | null;
  /** Claim, status, close, canned replies: what Slack and the dashboard do to a case. */
  workflow: CaseWorkflow;
  /** The Slack channel when it is on. */
  slack: SlackChannel | null;
  /** The coordinator dashboard at /admin (the Node entry calls its start()). */
  dashboard: Dashboard;
  /** Erases abandoned conversations (RETENTION_ABANDONED_DAYS); the entries run it periodically. */
  retention: Retention;
}

export function createApp(deps: AppDeps): Built {
  const { content, stores, log } = deps;
  const translator = new Translator(content);
  const logFn = (level: 'warn' | 'error', message: string, data?: Record<string, unknown>): void => log.log(level, message, data);
  // Filled below by the channels that are on; the service and the worker read them at call time.
  const outbox: NonNullable<ConversationDeps['outbox']> = {};
  const deliverers: Record<string, Deliverer> = {};
  const setup: Array<() => Promise<void>> = [];
  // Set by the Slack block below when Slack is on: the live line and the case cards.
  const caseHooks: Pick<ConversationDeps, 'relay' | 'relayAttachment' | 'onCaseCreated'> = {};
  // The destinations list and the services directory as coordinators keep them in the dashboard
  // (seeded from flows/rules/destinations.yaml and flows/directory/services.yaml).
  const lists = snapshotLists(createLiveLists(stores.dashboard, content.data, deps.clock ?? (() => new Date())));
  const service = createConversationService({
    content,
    store: stores.conversations,
    translator,
    screening: deps.screening ?? createScreening(rulesFromData(content.data), () => lists.destinationsInForce()),
    directory: deps.directory ?? lists.directory,
    beforeTurn: () => lists.refresh(),
    outbox,
    relay: (tx, envelope, now) => caseHooks.relay?.(tx, envelope, now) ?? Promise.resolve(false),
    relayAttachment: (tx, now) => caseHooks.relayAttachment?.(tx, now) ?? Promise.resolve(false),
    onCaseCreated: (tx, created) => caseHooks.onCaseCreated?.(tx, created) ?? Promise.resolve(),
    log: logFn,
    ...(deps.clock ? { clock: deps.clock } : {}),
  });
  // Channels that show cases add a follower: after each change their view is queued for update.
  const caseFollowers: CaseFollower[] = [];
  const templates = templateCatalog(content.resources);
  const workflow = createCaseWorkflow({
    cases: stores.cases,
    conversations: stores.conversations,
    service,
    translator,
    templates,
    followers: caseFollowers,
    ...(deps.clock ? { clock: deps.clock } : {}),
  });
  const worker = createOutboxWorker({ store: stores.outbox, deliverers, log: logFn, ...(deps.clock ? { clock: deps.clock } : {}) });
  const retention = createRetention({
    store: stores.retention,
    abandonedDays: deps.env.RETENTION_ABANDONED_DAYS,
    log: (level, message, data) => log.log(level, message, data),
    ...(deps.clock ? { clock: deps.clock } : {}),
  });
  const app = new Hono();

  app.get('/healthz', async (c) => {
    try {
      await stores.health.ping();
      return c.json({ status: 'ok', database: 'up' });
    } catch (error) {
      log.log('warn', 'health check: database unreachable', { error: String(error) });
      return c.json({ status: 'unavailable', database: 'down' }, 503);
    }
  });

  app.route(
    '/',
    webChat({
      service,
      languages: content.languages,
      t: (language, key) => translator.label(language, key),
      defaultLanguage: content.languages[0]?.tag ?? 'en',
      tokenSecret: webTokenSecret(deps.env),
    }),
  );

  // ---- Dashboard (src/dashboard) --------------------------------------------------------------
  const dashboard = createDashboard({
    env: deps.env,
    content,
    translator,
    stores: stores.dashboard,
    workflow: () => workflow,
    log,
    ...(deps.clock ? { clock: deps.clock } : {}),
  });
  app.route('/admin', dashboard.app);
  // ---- end Dashboard --------------------------------------------------------------------------

  // ---- Telegram (src/channels/telegram) -------------------------------------------------------
  const env = deps.env;
  let telegram: TelegramChannel | null = null;
  if (env.TELEGRAM_BOT_TOKEN && describeChannels(env).some((c) => c.name === 'telegram' && c.on)) {
    const channel = createTelegramChannel({
      token: env.TELEGRAM_BOT_TOKEN,
      ...(env.TELEGRAM_WEBHOOK_SECRET ? { webhookSecret: env.TELEGRAM_WEBHOOK_SECRET } : {}),
      ...(env.TELEGRAM_API_ROOT ? { apiRoot: env.TELEGRAM_API_ROOT } : {}),
      service,
      // Until the service can dedupe them itself: updates that do not go through handle().
      claim: (key, updateId) => stores.conversations.withContact(key, (tx) => tx.claimInbound(updateId)),
      flush: (budgetMs) => worker.run(budgetMs),
      healthy: () => stores.health.ping().then(() => true, () => false),
      languages: content.languages,
      text: translator,
      commands: Object.keys(content.app.commands),
      log,
      ...(deps.clock ? { clock: deps.clock } : {}),
    });
    telegram = channel;
    if (env.TELEGRAM_MODE === 'webhook') app.route('/', channel.routes);
    outbox.telegram = channel.outboxItem;
    deliverers[TELEGRAM_MESSAGE] = channel.deliver;
    const publicUrl = env.TELEGRAM_MODE === 'webhook' ? env.PUBLIC_URL : undefined;
    setup.push(() => channel.setup(publicUrl));
  }
  // ---- end Telegram ---------------------------------------------------------------------------

  // ---- Slack (src/channels/slack) -------------------------------------------------------------
  let slack: SlackChannel | null = null;
  if (env.SLACK_BOT_TOKEN && env.SLACK_SIGNING_SECRET && env.SLACK_HANDOFF_CHANNEL && describeChannels(env).some((c) => c.name === 'slack' && c.on)) {
    slack = slackChannel({
      botToken: env.SLACK_BOT_TOKEN,
      signingSecret: env.SLACK_SIGNING_SECRET,
      apiUrl: env.SLACK_API_URL,
      handoffChannel: env.SLACK_HANDOFF_CHANNEL,
      cases: stores.cases,
      conversations: stores.conversations,
      workflow,
      translator,
      languages: content.languages,
      templates,
      routes: outbox,
      deliverers: () => deliverers,
      flush: () => worker.run(),
      // `/avrr login`: a one-time dashboard sign-in link by DM.
      loginLink: (who) => dashboard.loginLink(who, 'slack'),
      clock: deps.clock ?? (() => new Date()),
      log: logFn,
    });
    app.route('/', slack.routes);
    Object.assign(deliverers, slack.deliverers);
    caseHooks.relay = slack.relay;
    caseHooks.relayAttachment = slack.relayAttachment;
    caseHooks.onCaseCreated = slack.onCaseCreated;
    caseFollowers.push(slack.follower);
  }
  // ---- end Slack ------------------------------------------------------------------------------

  app.notFound((c) => c.json({ error: { code: 'not_found', message: 'no such route' } }, 404));
  // One place maps errors to HTTP: a caller's mistake keeps its status; anything else is ours.
  app.onError((error, c) => {
    if (error instanceof HTTPException) {
      return c.json({ error: { code: 'bad_request', message: error.message } }, error.status);
    }
    log.log('error', 'request failed', { path: c.req.path, error: error instanceof Error ? error.stack : String(error) });
    return c.json({ error: { code: 'internal', message: 'something went wrong on our side; try again' } }, 500);
  });

  return { app, service, translator, worker, setup, telegram, workflow, slack, dashboard, retention };
}
