/** Translations (coordinators and admins): coverage and draft / reviewed status per language. */
import type { Hono } from 'hono';
import { coverage } from '../../flow/validate-coverage.js';
import type { Core } from '../core.js';
import { requireRole } from '../guards.js';
import type { DashEnv } from '../types.js';

export function registerTranslations(app: Hono<DashEnv>, core: Core): void {
  const { content } = core.deps;
  const { t } = core;
  // The content does not change while the service runs: computed once.
  const rows = coverage(content);
  const namespaces = [...new Set(Object.values(content.resources).flatMap((r) => Object.keys(r)))].sort();

  app.get('/translations', requireRole(core, 'coordinator'), (c) =>
    core.page(c, c.get('session'), {
      title: t('translations.title'),
      section: 'translations',
      body: (
        <>
          <p class="muted">{t('translations.note')}</p>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('translations.language')}</th>
                  <th scope="col">{t('translations.tag')}</th>
                  <th scope="col">{t('translations.direction')}</th>
                  <th scope="col">{t('translations.status')}</th>
                  <th scope="col" class="num">
                    {t('translations.translated')}
                  </th>
                  <th scope="col">{t('translations.coverage')}</th>
                  <th scope="col">{t('translations.missing_files')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => {
                  const language = content.languages.find((l) => l.tag === r.tag);
                  const missing = namespaces.filter((ns) => !content.resources[r.tag]?.[ns]);
                  return (
                    <tr>
                      <td>
                        <span lang={r.tag} dir={language?.dir}>
                          {r.name}
                        </span>{' '}
                        <span class="muted">({language?.english ?? r.tag})</span>
                      </td>
                      <td>
                        <code>{r.tag}</code>
                      </td>
                      <td>{t(`translations.dir_${language?.dir ?? 'ltr'}`)}</td>
                      <td>
                        <span class={`badge ${r.status === 'reviewed' ? 'ok' : 'flag'}`}>{t(`language_status.${r.status}`)}</span>
                      </td>
                      <td class="num">
                        {r.translated} / {r.keys}
                      </td>
                      <td>
                        <meter min={0} max={100} value={r.percent} low={80} high={99} optimum={100}></meter> {r.percent}%
                      </td>
                      <td>{missing.length ? missing.join(', ') : '—'}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      ),
    }),
  );
}
