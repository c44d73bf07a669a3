/** Translations (coordinators and admins): coverage and draft / reviewed status per language. */
import type { Hono } from 'hono';
import { coverage } from '../../flow/validate-coverage.js';
import type { Core } from '../core.js';
import { requireRole } from '../guards.js';
import type { DashEnv } from '../types.js';
import { TranslationsPage, type TranslationLine } from '../views/translations.js';

export function registerTranslations(app: Hono<DashEnv>, core: Core): void {
  const { content } = core.deps;
  // The content does not change while the service runs: computed once.
  const namespaces = [...new Set(Object.values(content.resources).flatMap((r) => Object.keys(r)))].sort();
  const lines: TranslationLine[] = coverage(content).map((r) => ({
    ...r,
    language: content.languages.find((l) => l.tag === r.tag),
    missing: namespaces.filter((ns) => !content.resources[r.tag]?.[ns]),
  }));

  app.get('/translations', requireRole(core, 'coordinator'), (c) =>
    core.page(c, c.get('session'), {
      title: core.t('translations.title'),
      section: 'translations',
      body: <TranslationsPage v={core.view(c, c.get('session'))} lines={lines} />,
    }),
  );
}
