import type { Child } from 'hono/jsx';
import { href } from '../paths.js';
import type { User } from '../ports.js';
import type { Text } from '../text.js';

/** What every page needs to render. */
export interface ViewContext {
  t: Text;
  /** Who is signed in (for the header), null on the sign-in pages. */
  user: Pick<User, 'email' | 'role'> | null;
  /** The menu entries this user sees (decide.ts). */
  sections: ReadonlyArray<Exclude<Section, 'none'>>;
  /** The session's CSRF token, put in every form. */
  csrf: string;
  cssHref: string;
}

export type Section = 'queue' | 'appointments' | 'stats' | 'followup' | 'lists' | 'translations' | 'users' | 'settings' | 'audit' | 'none';

export interface Flash {
  kind: 'done' | 'error';
  text: string;
}

/** The hidden field every form carries. */
export function Csrf({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}

export function Layout(props: { v: ViewContext; title: string; section: Section; flash?: Flash | null; children?: Child }) {
  const { v, title, section, flash } = props;
  const { t, user } = v;
  const link = (name: Exclude<Section, 'none'>) => (
    <a href={name === 'queue' ? href() : href(`/${name}`)} aria-current={section === name ? 'page' : undefined}>
      {t(`nav.${name}`)}
    </a>
  );
  return (
    <html lang={t.language} dir={t.dir}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>{`${title} · ${t('app.name')}`}</title>
        <link rel="stylesheet" href={v.cssHref} />
      </head>
      <body>
        <header class="top">
          <a class="brand" href={href()}>
            {t('app.name')}
          </a>
          {user && (
            <nav aria-label={t('nav.label')}>{v.sections.map(link)}</nav>
          )}
          {user && (
            <form class="who" method="post" action={href('/logout')}>
              <span>
                {user.email} · {t(`role.${user.role}`)}
              </span>
              <Csrf token={v.csrf} />
              <button type="submit">{t('nav.sign_out')}</button>
            </form>
          )}
        </header>
        <main id="main">
          <h1>{title}</h1>
          {flash && (
            <p class={`flash ${flash.kind}`} role={flash.kind === 'error' ? 'alert' : 'status'}>
              {flash.text}
            </p>
          )}
          {props.children}
        </main>
      </body>
    </html>
  );
}

/** A page as a complete HTML document. */
export function renderDocument(node: unknown): string {
  return `<!doctype html>${String(node)}`;
}

/** Dates as staff read them: `2026-11-23 10:00 UTC`. */
export function formatTime(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function Time({ at }: { at: Date }) {
  return <time datetime={at.toISOString()}>{formatTime(at)}</time>;
}
