import type { Language } from '../../flow/languages.js';
import type { LanguageCoverage } from '../../flow/validate-coverage.js';
import { Badge, Muted, Table } from './components.js';
import type { ViewContext } from './layout.js';

/** One language's row: its coverage and which namespaces have no file at all. */
export interface TranslationLine extends LanguageCoverage {
  language: Pick<Language, 'dir' | 'english'> | undefined;
  missing: string[];
}

export function TranslationsPage({ v, lines }: { v: ViewContext; lines: TranslationLine[] }) {
  const { t } = v;
  return (
    <>
      <Muted>{t('translations.note')}</Muted>
      <Table
        columns={[
          { label: t('translations.language') },
          { label: t('translations.tag') },
          { label: t('translations.direction') },
          { label: t('translations.status') },
          { label: t('translations.translated'), num: true },
          { label: t('translations.coverage') },
          { label: t('translations.missing_files') },
        ]}
      >
        {lines.map((r) => (
          <tr>
            <td>
              <span lang={r.tag} dir={r.language?.dir}>
                {r.name}
              </span>{' '}
              <span class="muted">({r.language?.english ?? r.tag})</span>
            </td>
            <td>
              <code>{r.tag}</code>
            </td>
            <td>{t(`translations.dir_${r.language?.dir ?? 'ltr'}`)}</td>
            <td>
              <Badge kind={r.status === 'reviewed' ? 'ok' : 'flag'}>{t(`language_status.${r.status}`)}</Badge>
            </td>
            <td class="num">
              {r.translated} / {r.keys}
            </td>
            <td>
              <meter min={0} max={100} value={r.percent} low={80} high={99} optimum={100}></meter> {r.percent}%
            </td>
            <td>{r.missing.length ? r.missing.join(', ') : '—'}</td>
          </tr>
        ))}
      </Table>
    </>
  );
}
