/** The transcript card: the conversation as the person and the bot wrote it (bot messages as plain text). */
import { plainText } from '../../../i18n/html.js';
import type { CaseDetail } from '../../ports.js';
import type { Text } from '../../text.js';
import { Card, Muted } from '../components.js';
import { Time } from '../layout.js';

export function Transcript({ t, transcript }: { t: Text; transcript: CaseDetail['transcript'] }) {
  return (
    <Card title={t('case.transcript')}>
      {transcript.length === 0 ? (
        <Muted>{t('case.none')}</Muted>
      ) : (
        <div class="transcript" dir="auto">
          {transcript.map((m) => (
            <div class={`msg ${m.direction}`} dir="auto">
              <Time at={m.at} />
              <div>{m.direction === 'out' ? plainText(m.text) : m.text}</div>
            </div>
          ))}
        </div>
      )}
    </Card>
  );
}
