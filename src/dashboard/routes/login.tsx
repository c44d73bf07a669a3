/** Sign-in with one-time links, and sign-out. No passwords anywhere. */
import type { Context, Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { z } from 'zod';
import type { Core } from '../core.js';
import { sessionIssuer } from '../links.js';
import { href } from '../paths.js';
import { TOKEN_PATTERN, randomToken, sameSecret, sha256Hex } from '../security.js';
import { LOGIN_COOKIE, SESSION_COOKIE, endSession, setLoginCookie, startSession } from '../session.js';
import type { DashEnv } from '../types.js';
import { ConfirmSignIn, LinkExpired, LoginIntro } from '../views/login.js';

const emailSchema = z.email().max(254);

export function registerLogin(app: Hono<DashEnv>, core: Core): void {
  const { t } = core;
  const auth = core.deps.stores.auth;

  const expired = (c: Context) =>
    core.page(c, null, {
      title: t('login.expired_title'),
      section: 'none',
      status: 410,
      body: <LinkExpired t={t} />,
    });

  app.get('/login', async (c) => {
    const id = getCookie(c, SESSION_COOKIE);
    if (id && TOKEN_PATTERN.test(id) && (await auth.session(await sha256Hex(id), core.now()))) return c.redirect(href(), 303);
    return core.page(c, null, {
      title: t('login.title'),
      section: 'none',
      body: <LoginIntro t={t} />,
    });
  });

  app.get('/login/:token', async (c) => {
    const token = c.req.param('token');
    // Opening the link changes nothing (link previews in chat apps open it too); the button does.
    const found = TOKEN_PATTERN.test(token) ? await auth.peekToken(await sha256Hex(token), core.now()) : null;
    if (!found) return expired(c);
    const formToken = randomToken();
    setLoginCookie(c, core, formToken);
    return core.page(c, null, {
      title: t('login.title'),
      section: 'none',
      body: <ConfirmSignIn t={t} action={href('/login', token)} formToken={formToken} email={found.user?.email ?? null} />,
    });
  });

  app.post('/login/:token', async (c) => {
    const token = c.req.param('token');
    const body = await c.req.parseBody();
    const sent = typeof body['_csrf'] === 'string' ? body['_csrf'] : '';
    const expected = getCookie(c, LOGIN_COOKIE) ?? '';
    if (!expected || !sameSecret(sent, expected)) {
      return core.errorPage(c, null, 403, t('errors.csrf'));
    }
    if (!TOKEN_PATTERN.test(token)) return expired(c);
    const hash = await sha256Hex(token);
    const found = await auth.peekToken(hash, core.now());
    if (!found) return expired(c);
    let email: string | null = null;
    if (!found.user) {
      const parsed = emailSchema.safeParse(typeof body['email'] === 'string' ? body['email'].trim().toLowerCase() : '');
      if (!parsed.success) return c.redirect(href('/login', token), 303);
      email = parsed.data;
    }
    const consumed = await auth.consumeToken(hash, core.now());
    if (!consumed) return expired(c);
    let user = found.user;
    if (consumed.userId === null) {
      // The first-admin link only works while there is no admin.
      if (email === null || (await auth.hasAdmin())) return expired(c);
      user = (await auth.upsertUser({ email, role: 'admin' }, core.now())).user;
      await core.audit({ user, linkIssuedBy: null }, 'user.create', `user:${user.id}`, { email: user.email, role: user.role, first_admin: true });
    }
    if (!user) return expired(c);
    // A link someone else issued (an admin, the CLI): the session and everything done in it say so.
    const linkIssuedBy = consumed.userId === null ? null : await sessionIssuer(auth, consumed.issuedBy, user);
    await startSession(c, core, user.id, linkIssuedBy);
    await core.audit({ user, linkIssuedBy }, 'auth.sign_in', `user:${user.id}`);
    return c.redirect(href(), 303);
  });
}

/** Sign-out: after the session check, so it needs the CSRF token like every other form. */
export function registerLogout(app: Hono<DashEnv>, core: Core): void {
  app.post('/logout', async (c) => {
    const session = c.get('session');
    await endSession(c, core);
    await core.audit(session, 'auth.sign_out', `user:${session.user.id}`);
    return c.redirect(href('/login'), 303);
  });
}
