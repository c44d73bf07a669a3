/**
 * What every route shares: the clock, the words, the stylesheet, page rendering, audit logging and
 * the sign-in links. Built once per dashboard.
 */
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { asset, type Asset } from '../http/asset.js';
import { sectionsFor } from './decide.js';
import { href } from './paths.js';
import { auditEntry, type AuditActor } from './audit.js';
import type { AuditEntry, Role, SessionInfo, User } from './ports.js';
import { addUser, issueLink, publicBase } from './links.js';
import { STYLES } from './styles.js';
import { dashboardText, type Text } from './text.js';
import type { DashboardDeps } from './types.js';
import { Layout, renderDocument, type Flash, type Section, type ViewContext } from './views/layout.js';

/** The dashboard is in English; the locale namespace lets it be translated without code changes. */
export const DASHBOARD_LANGUAGE = 'en';

/** The statuses the dashboard answers with an error page, and their titles. */
const ERROR_TITLES = { 403: 'errors.forbidden_title', 404: 'errors.not_found_title', 413: 'errors.too_large_title' } as const;
export type ErrorStatus = keyof typeof ERROR_TITLES;

export interface Core {
  deps: DashboardDeps;
  t: Text;
  now(): Date;
  css: Asset;
  /** Secure cookies: on when PUBLIC_URL is https. */
  secure: boolean;
  view(c: Context, session: SessionInfo | null): ViewContext;
  page(c: Context, session: SessionInfo | null, page: { title: string; section: Section; body: Child; status?: number; flash?: Flash | null }): Response;
  /** An error page: the status's title (errors.<status>_title) and one line saying what happened. */
  errorPage(c: Context, session: SessionInfo | null, status: ErrorStatus, message: string): Response;
  audit(by: AuditActor, action: string, target: string | null, data?: AuditEntry['data']): Promise<void>;
  /** Creates a one-time sign-in link, audit-logged, for `target` (null: the first admin); the token is only ever in the returned URL. */
  issueLink(target: User | null, by: AuditActor, options?: { toThemselves?: boolean }): Promise<string>;
  /** Creates or updates a user and gives a sign-in link for them. */
  addUser(input: { email: string; role: Role }, by: AuditActor): Promise<{ user: User; created: boolean; link: string }>;
}

export function createCore(deps: DashboardDeps): Core {
  const t = dashboardText(deps.translator, DASHBOARD_LANGUAGE);
  const now = deps.clock ?? (() => new Date());
  const css = asset(href('/admin.css'), 'text/css; charset=utf-8', STYLES);
  const links = { env: deps.env, auth: deps.stores.auth, audit: deps.stores.audit, now };
  const core: Core = {
    deps,
    t,
    now,
    css,
    secure: publicBase(deps.env).startsWith('https:'),
    view: (_c, session) => ({ t, user: session?.user ?? null, sections: session ? sectionsFor(session.user) : [], csrf: session?.csrf ?? '', cssHref: css.href }),
    page(c, session, p) {
      const html = renderDocument(
        <Layout v={core.view(c, session)} title={p.title} section={p.section} flash={p.flash ?? null}>
          {p.body}
        </Layout>,
      );
      return c.html(html, (p.status ?? 200) as ContentfulStatusCode);
    },
    errorPage: (c, session, status, message) => core.page(c, session, { title: t(ERROR_TITLES[status]), section: 'none', status, body: <p>{message}</p> }),
    async audit(by, action, target, data = {}) {
      await deps.stores.audit.record(auditEntry(by, action, target, data), now());
    },
    issueLink: (target, by, options) => issueLink(links, target, by, options),
    addUser: (input, by) => addUser(links, input, by),
  };
  return core;
}
