/**
 * The coordinator dashboard, mounted at BASE (/admin, see paths.ts): server-rendered pages behind one-time-link sign-in.
 * Public: the sign-in pages, the stylesheet and the loopback endpoint of `npm run user:add`.
 * Everything else needs a session, and each role sees what it may (see roles.ts).
 */
import { Hono } from 'hono';
import { securityHeaders, type ContentPolicy } from '../http/security-headers.js';
import { rulesFromData } from '../conversation/screening-adapter.js';
import { limitBodies } from './body-limit.js';
import { createCore, type Core } from './core.js';
import { createLabels } from './labels.js';
import { createLiveLists, type LiveLists } from './lists.js';
import type { Role, User } from './ports.js';
import { registerAppointments } from './routes/appointments.js';
import { registerAudit } from './routes/audit.js';
import { registerCase } from './routes/case.js';
import { registerCaseArranged } from './routes/case-arranged.js';
import { registerCli } from './routes/cli.js';
import { registerFollowup } from './routes/followup.js';
import { registerLists } from './routes/lists.js';
import { registerLogin, registerLogout } from './routes/login.js';
import { registerQueue } from './routes/queue.js';
import { registerSettings } from './routes/settings.js';
import { registerStats } from './routes/stats.js';
import { registerTranslations } from './routes/translations.js';
import { registerUsers } from './routes/users.js';
import { sha256Hex } from './security.js';
import { requireSession } from './session.js';
import type { DashEnv, DashboardDeps } from './types.js';
import type { RuleNote } from './views/case/index.js';

export type { DashEnv, DashboardDeps } from './types.js';
export type { DashboardStores, Role, User } from './ports.js';
export { CLI_USERS_PATH } from './routes/cli.js';
export { BASE as DASHBOARD_BASE } from './paths.js';
export { createLiveLists, type LiveLists } from './lists.js';
export { staffDirectory } from './staff-directory.js';

/** Nothing but the dashboard's own stylesheet; no script at all; forms post only to itself. */
export const DASHBOARD_POLICY: ContentPolicy = { styleSrc: ["'self'"], imgSrc: ["'self'", 'data:'], formAction: ["'self'"] };

/**
 * Where the first admin's link goes, readable only by whoever runs the service (Node: a file of
 * mode 0600 beside the database, and the terminal when there is one; see src/node/first-admin-link.ts).
 */
export interface FirstAdminOutlet {
  /** Puts the link there and says where, for the log; throws when it could put it nowhere. */
  deliver(link: string, expiresAt: Date): Promise<{ file: string | null; terminal: boolean }>;
  /** Removes an earlier link once an admin exists. */
  clear(): Promise<void>;
}

export interface Dashboard {
  /** Mount at `DASHBOARD_BASE` (`/admin`). */
  app: Hono<DashEnv>;
  /**
   * Node start-up: accepts `npm run user:add` on loopback with this secret (null: not at all) and,
   * while no admin exists, hands a one-time link that makes whoever opens it the first admin to
   * `firstAdminLink` (never to the log, which more people read). Without one, no such link is made
   * and the log says to run `npm run user:add`.
   */
  start(options: { cliSecret: string | null; firstAdminLink?: FirstAdminOutlet | null }): Promise<void>;
  /**
   * A one-time sign-in link for an existing, enabled user, to be delivered privately to that person
   * themselves (Slack's `/avrr login` DMs whoever asked); null when unknown.
   */
  loginLink(who: { email: string } | { slackUserId: string }, issuedBy: string): Promise<string | null>;
  /** Creates the user if needed (or changes the role) and gives a sign-in link. */
  addUser(input: { email: string; role: Role }, issuedBy: string): Promise<{ user: User; created: boolean; link: string }>;
  /** The lists as the conversation should read them: the destinations list in force, the directory. */
  lists: Pick<LiveLists, 'destinationsInForce' | 'directory'>;
}

function ruleNotes(core: Core): { notes: Map<string, RuleNote>; version: string | null } {
  try {
    const { rules } = rulesFromData(core.deps.content.data);
    return { notes: new Map(rules.rules.map((r) => [r.id, { kind: r.kind, note: r.note }])), version: rules.version };
  } catch {
    // Without rule files (a test content set) the case page shows rule ids without notes.
    return { notes: new Map(), version: null };
  }
}

export function createDashboard(deps: DashboardDeps): Dashboard {
  const core = createCore(deps);
  const labels = createLabels(core.t, deps.content.languages);
  const live = createLiveLists(deps.stores, deps.content.data, core.now);
  let cliSecretHash: string | null = null;
  const app = new Hono<DashEnv>();

  // Every dashboard answer: never cached, never framed, no referrer (sign-in links carry tokens).
  app.use('*', securityHeaders(DASHBOARD_POLICY, { https: core.secure }));
  app.use('*', async (c, next) => {
    await next();
    if (!c.res.headers.has('cache-control')) c.res.headers.set('cache-control', 'no-store');
  });

  // Before anything reads a body: the sign-in form below is open to anyone.
  app.use('*', limitBodies(core));
  app.get('/admin.css', (c) => core.css.serve(c));
  registerLogin(app, core);
  registerCli(app, core, () => cliSecretHash);

  app.use('*', requireSession(core));
  registerLogout(app, core);
  registerQueue(app, core, labels);
  registerCase(app, core, labels, ruleNotes(core));
  registerCaseArranged(app, core);
  registerAppointments(app, core, labels);
  registerStats(app, core, labels);
  registerFollowup(app, core, labels);
  registerLists(app, core, labels, live);
  registerTranslations(app, core);
  registerUsers(app, core);
  registerAudit(app, core);
  registerSettings(app, core);
  app.all('*', (c) => core.errorPage(c, c.get('session'), 404, core.t('errors.not_found')));

  return {
    app,
    async start({ cliSecret, firstAdminLink = null }) {
      cliSecretHash = cliSecret ? await sha256Hex(cliSecret) : null;
      await deps.stores.auth.purge(core.now());
      if (await deps.stores.auth.hasAdmin()) {
        await firstAdminLink?.clear();
        return;
      }
      if (!firstAdminLink) {
        deps.log.log('warn', 'no admin yet: make one with `npm run user:add -- --email <address> --role admin`');
        return;
      }
      const minutes = deps.env.LOGIN_LINK_MINUTES;
      const link = await core.issueLink(null, { actor: 'startup' });
      try {
        const { file, terminal } = await firstAdminLink.deliver(link, new Date(core.now().getTime() + minutes * 60_000));
        const where = [...(file ? [`in ${file}`] : []), ...(terminal ? ['on the terminal'] : [])].join(' and ');
        // Where the link is, never the link: whoever opens it becomes admin.
        deps.log.log('warn', `no admin yet: the one-time link that makes its opener the first admin is ${where}, valid ${minutes} minutes`, file ? { file } : {});
      } catch (error) {
        // The service still starts; the way in is the CLI.
        deps.log.log('warn', 'no admin yet, and the first admin link could not be written: make one with `npm run user:add -- --email <address> --role admin`', { error: String(error) });
      }
    },
    async loginLink(who, issuedBy) {
      const user = 'email' in who ? await deps.stores.auth.userByEmail(who.email) : await deps.stores.auth.userBySlackId(who.slackUserId);
      if (!user || user.disabledAt) return null;
      return core.issueLink(user, { actor: issuedBy }, { toThemselves: true });
    },
    addUser: (input, issuedBy) => core.addUser(input, { actor: issuedBy }),
    lists: { destinationsInForce: () => live.destinationsInForce(), directory: live.directory },
  };
}
