import { Card, Facts, Muted } from './components.js';
import type { ViewContext } from './layout.js';

/** What the instance runs with, as label and text pairs (the route reads the environment). */
export function SettingsPage({ v, facts }: { v: ViewContext; facts: Array<[string, string]> }) {
  return (
    <>
      <Muted>{v.t('settings.note')}</Muted>
      <Card>
        <Facts items={facts} />
      </Card>
    </>
  );
}
