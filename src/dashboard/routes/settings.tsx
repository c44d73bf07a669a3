/** Settings (admins): what this instance runs with. Read-only: configuration lives in the environment. */
import type { Hono } from 'hono';
import { describeChannels } from '../../env.js';
import type { Core } from '../core.js';
import { requireRole } from '../guards.js';
import { slaHours } from '../sla.js';
import type { DashEnv } from '../types.js';

export function registerSettings(app: Hono<DashEnv>, core: Core): void {
  const { env, content } = core.deps;
  const { t } = core;
  app.get('/settings', requireRole(core, 'admin'), (c) =>
    core.page(c, c.get('session'), {
      title: t('settings.title'),
      section: 'settings',
      body: (
        <>
          <p class="muted">{t('settings.note')}</p>
          <section class="card">
            <dl class="facts">
              <dt>{t('settings.public_url')}</dt>
              <dd>{env.PUBLIC_URL ?? t('settings.not_set')}</dd>
              <dt>{t('settings.database')}</dt>
              <dd>{env.DATABASE_URL ? t('settings.postgres') : t('settings.pglite', { dir: env.PGLITE_DIR })}</dd>
              <dt>{t('settings.session_hours')}</dt>
              <dd>{env.ADMIN_SESSION_HOURS}</dd>
              <dt>{t('settings.link_minutes')}</dt>
              <dd>{env.LOGIN_LINK_MINUTES}</dd>
              <dt>{t('settings.sla')}</dt>
              <dd>{t('settings.sla_value', { protection: slaHours('protection'), other: slaHours('avrr') })}</dd>
              <dt>{t('settings.channels')}</dt>
              <dd>
                {describeChannels(env)
                  .map((ch) => `${ch.name}: ${ch.on ? t('settings.on') : t('settings.off')}`)
                  .join(' · ')}
              </dd>
              <dt>{t('settings.languages')}</dt>
              <dd>{content.languages.map((l) => `${l.english} (${l.tag})`).join(', ')}</dd>
            </dl>
          </section>
        </>
      ),
    }),
  );
}
