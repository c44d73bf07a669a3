/**
 * The composition root: builds the Hono app from configuration and ready-made stores. Shared by the
 * Node entry, the Workers entry and the tests; it does no I/O of its own. It folds the enabled
 * channel adapters in one loop: their subscriptions make the event hub, their deliverers the
 * outbox worker's table, and once the core exists each mounts its routes.
 */
import { Hono } from 'hono';
import { bodyBackstop } from './http/body-limit.js';
import { securityHeaders } from './http/security-headers.js';
import type { Env } from './env.js';
import type { Content } from './flow/content.js';
import { Translator } from './i18n/translator.js';
import { channelFactories, type AdapterContext, type AdapterFactory, type ChannelAdapter, type ChannelCore, type Mounted } from './channels/index.js';
import { createConversationService } from './conversation/index.js';
import { templateCatalog } from './conversation/case-templates.js';
import { createCaseWorkflow } from './conversation/case-workflow-impl.js';
import type { CaseWorkflow } from './conversation/case-workflow.js';
import { createEventHub } from './conversation/events.js';
import { createRateLimiter } from './conversation/rate-limits.js';
import { createOutboxWorker, type Deliverer, type OutboxWorker } from './conversation/outbox-worker.js';
import { createRetention, type Retention } from './conversation/retention.js';
import { createScheduler, type JobHandler, type Scheduler } from './conversation/scheduler.js';
import { appointmentJobHandlers } from './conversation/appointment-jobs.js';
import { createAppointmentWorkflow, type AppointmentWorkflow } from './conversation/appointment-workflow.js';
import { createDocumentsWorkflow, type DocumentsWorkflow } from './conversation/documents-workflow.js';
import { travelJobHandlers } from './conversation/travel-jobs.js';
import { followupJobHandlers, startFollowup } from './conversation/followup-jobs.js';
import { createTravelWorkflow, type TravelWorkflow } from './conversation/travel-workflow.js';
import type { ConversationService, Screening, ServicesDirectory } from './conversation/index.js';
import { createScreening, rulesFromData } from './conversation/screening-adapter.js';
import { createLiveLists, snapshotLists } from './dashboard/lists.js';
import { createDashboard, staffDirectory, type Dashboard } from './dashboard/index.js';
import type { Stores } from './db/index.js';
import { registerErrors } from './http/errors.js';
import type { Logger } from './log.js';

/** The largest body any route reads (the webhooks take 1 MB, the chat 16 KB, the dashboard's forms less). */
export const MAX_ANY_BODY_BYTES = 4 * 1024 * 1024;

export type { Stores } from './db/index.js';

export interface AppDeps {
  env: Env;
  content: Content;
  stores: Stores;
  log: Logger;
  /** The only clock of the app; the entry points pass the system's, tests a fixed one. */
  clock?: () => Date;
  /** Defaults: the rules and the services directory seed from the content's data files. */
  screening?: Screening;
  directory?: ServicesDirectory;
  /** Defaults to every channel this service has (src/channels/index.ts). */
  channels?: readonly AdapterFactory[];
}

export interface RunningChannel {
  adapter: ChannelAdapter;
  mounted: Mounted;
}

export interface Built {
  app: Hono;
  service: ConversationService;
  translator: Translator;
  /** Delivers queued channel messages; the Node entry runs it on a timer. */
  worker: OutboxWorker;
  /** Start-up work of the channels that are on (webhook registration, ...). */
  setup: Array<() => Promise<void>>;
  /** The channels that are on, by name. */
  channels: ReadonlyMap<string, RunningChannel>;
  /** Claim, assign, status, close, canned replies, the live line: what staff do to a case. */
  workflow: CaseWorkflow;
  /** The coordinator dashboard at /admin (the Node entry calls its start()). */
  dashboard: Dashboard;
  /** Erases abandoned conversations (RETENTION_ABANDONED_DAYS); the entries run it periodically. */
  retention: Retention;
  /** Runs due jobs (reminders, check-ins); the entries run it periodically, then the outbox worker. */
  scheduler: Scheduler;
  /** Times counsellors publish, bookings, attendance. */
  appointments: AppointmentWorkflow;
  /** The documents checklist counsellors keep. */
  documents: DocumentsWorkflow;
  /** Travel details, and confirming departure. */
  travel: TravelWorkflow;
  /** Resolves when no channel has work still running after its last response. */
  idle(): Promise<void>;
}

export function createApp(deps: AppDeps): Built {
  const { content, stores, log, env } = deps;
  // The composition root is where the system clock may enter; everything below takes it from here.
  const clock = deps.clock ?? (() => new Date());
  const translator = new Translator(content);
  const logFn = (level: 'warn' | 'error', message: string, data?: Record<string, unknown>): void => log.log(level, message, data);

  const context: AdapterContext = {
    env,
    content,
    translator,
    cases: stores.cases,
    conversations: stores.conversations,
    outbox: stores.outbox,
    health: stores.health,
    db: stores.db,
    limiter: createRateLimiter(stores.rateLimits),
    after: stores.after,
    clock,
    log,
  };
  const adapters = (deps.channels ?? channelFactories).flatMap((make) => make(context) ?? []);
  const hub = createEventHub(adapters.map((a) => a.subscriptions));
  const deliverers: Record<string, Deliverer> = Object.assign({}, ...adapters.map((a) => a.deliverers));

  // The destinations list and the services directory as coordinators keep them in the dashboard
  // (seeded from flows/rules/destinations.yaml and flows/directory/services.yaml).
  const liveLists = createLiveLists(stores.dashboard, content.data, clock);
  const lists = snapshotLists(liveLists, () => clock().getTime());
  const service = createConversationService({
    content,
    store: stores.conversations,
    translator,
    hub,
    retention: { abandonedDays: env.RETENTION_ABANDONED_DAYS, closedDays: env.RETENTION_CLOSED_DAYS },
    capabilities: (channel) => adapters.find((a) => a.name === channel)?.capabilities,
    screening: deps.screening ?? createScreening(rulesFromData(content.data), () => lists.destinationsInForce()),
    directory: deps.directory ?? lists.directory,
    beforeTurn: () => lists.refresh(),
    log: logFn,
  });
  const workflow = createCaseWorkflow({
    cases: stores.cases,
    conversations: stores.conversations,
    teller: service.teller,
    translator,
    templates: templateCatalog(content.resources),
    places: () => liveLists.places(),
    // The follow-up the person agreed to before leaving starts when the case becomes departed.
    onStatusChanged: async (tx, change) => {
      if (change.to === 'departed') await startFollowup(tx, change.record.id);
    },
  });
  const worker = createOutboxWorker({
    store: stores.outbox,
    deliverers,
    hub,
    onUnreachable: (contact) => service.setReachable(contact, false),
    clock,
    log: logFn,
  });
  const afterDeps = { cases: stores.cases, conversations: stores.conversations, teller: service.teller, translator };
  const appointments = createAppointmentWorkflow({ ...afterDeps, store: stores.after.appointments, languages: translator.languages, clock });
  const documents = createDocumentsWorkflow(afterDeps);
  const travel = createTravelWorkflow({ ...afterDeps, workflow, clock });
  const jobHandlers: Record<string, JobHandler> = { ...appointmentJobHandlers(afterDeps), ...travelJobHandlers(afterDeps), ...followupJobHandlers(afterDeps) };
  const scheduler = createScheduler({
    store: stores.after.jobs,
    cases: stores.cases,
    conversations: stores.conversations,
    handlers: jobHandlers,
    clock,
    log: logFn,
  });
  const dashboard = createDashboard({ env, content, translator, stores: stores.dashboard, workflow: () => workflow, after: { stores: stores.after, appointments, documents, travel }, log, clock });

  const app = new Hono();
  // Every answer (webhooks, the chat's API, health) gets the strict defaults; the chat page and the
  // dashboard set their own policy first, which this keeps.
  app.use('*', securityHeaders({}, { https: env.PUBLIC_URL?.startsWith('https://') ?? false, overwrite: false }));
  // A backstop for every route, a route added later included: each route sets its own, smaller limit.
  app.use('*', bodyBackstop(MAX_ANY_BODY_BYTES));
  app.get('/healthz', async (c) => {
    try {
      await stores.health.ping();
      return c.json({ status: 'ok', database: 'up' });
    } catch (error) {
      log.log('warn', 'health check: database unreachable', { error: String(error) });
      return c.json({ status: 'unavailable', database: 'down' }, 503);
    }
  });
  app.route('/admin', dashboard.app);

  const core: ChannelCore = {
    service,
    workflow,
    appointments,
    flush: (budgetMs) => worker.run(budgetMs),
    staff: staffDirectory(stores.dashboard, clock),
    settle: (budgetMs) => worker.settle(budgetMs),
    loginLink: (who, issuedBy) =>
      dashboard.loginLink('email' in who ? who : who.tool === 'slack' ? { slackUserId: who.toolUserId } : { email: '' }, issuedBy),
  };
  const channels = new Map<string, RunningChannel>();
  const setup: Array<() => Promise<void>> = [];
  for (const adapter of adapters) {
    const mounted = adapter.mount(core);
    if (mounted.routes) app.route('/', mounted.routes);
    if (mounted.setup) setup.push(() => mounted.setup?.() ?? Promise.resolve());
    channels.set(adapter.name, { adapter, mounted });
  }

  registerErrors(app, log);

  const retention = createRetention({
    store: stores.retention,
    abandonedDays: env.RETENTION_ABANDONED_DAYS,
    closedDays: env.RETENTION_CLOSED_DAYS,
    hub,
    outbox: stores.outbox,
    also: [
      (at) => stores.dashboard.auth.purge(at),
      ...[...channels.values()].flatMap(({ mounted }) => (mounted.sweep ? [(at: Date) => mounted.sweep?.(at) ?? Promise.resolve()] : [])),
    ],
    log: (level, message, data) => log.log(level, message, data),
    clock,
  });

  return {
    app,
    service,
    translator,
    worker,
    setup,
    channels,
    workflow,
    dashboard,
    retention,
    scheduler,
    appointments,
    documents,
    travel,
    idle: async () => {
      await Promise.all([...channels.values()].map((c) => c.mounted.idle?.()));
    },
  };
}
