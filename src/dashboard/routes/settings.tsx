/** Settings (admins): what this instance runs with. Read-only: configuration lives in the environment. */
import type { Hono } from 'hono';
import { describeChannels } from '../../env.js';
import type { Core } from '../core.js';
import { requireRole } from '../guards.js';
import { slaHours } from '../sla.js';
import type { DashEnv } from '../types.js';
import { SettingsPage } from '../views/settings.js';

export function registerSettings(app: Hono<DashEnv>, core: Core): void {
  const { env, content } = core.deps;
  const { t } = core;
  app.get('/settings', requireRole(core, 'admin'), (c) =>
    core.page(c, c.get('session'), {
      title: t('settings.title'),
      section: 'settings',
      body: (
        <SettingsPage
          v={core.view(c, c.get('session'))}
          facts={[
            [t('settings.public_url'), env.PUBLIC_URL ?? t('settings.not_set')],
            [t('settings.database'), env.DATABASE_URL ? t('settings.postgres') : t('settings.pglite', { dir: env.PGLITE_DIR })],
            [t('settings.session_hours'), String(env.ADMIN_SESSION_HOURS)],
            [t('settings.link_minutes'), String(env.LOGIN_LINK_MINUTES)],
            [t('settings.sla'), t('settings.sla_value', { protection: slaHours('protection'), other: slaHours('avrr') })],
            [
              t('settings.channels'),
              describeChannels(env)
                .map((ch) => `${ch.name}: ${ch.on ? t('settings.on') : t('settings.off')}`)
                .join(' · '),
            ],
            [t('settings.languages'), content.languages.map((l) => `${l.english} (${l.tag})`).join(', ')],
          ]}
        />
      ),
    }),
  );
}
