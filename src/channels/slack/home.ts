/** App Home: the counsellor's own open cases, and how full each queue is. */
import type { CaseQueue, CaseView } from '../../conversation/ports.js';
import type { Language } from '../../flow/languages.js';
import { languageName, slackDate, type Block } from './card.js';
import type { SlackText } from './mrkdwn.js';

/** Slack shows at most 100 blocks in a Home tab; a few are headers and counts. */
const MAX_CASES = 80;

export interface HomeInput {
  mine: readonly CaseView[];
  queues: ReadonlyArray<{ queue: CaseQueue; open: number; unclaimed: number; urgent: number }>;
  handoffChannel: string;
  now: Date;
}

export function homeView(input: HomeInput, t: SlackText, languages: readonly Language[]): { type: 'home'; blocks: Block[] } {
  const section = (text: string): Block => ({ type: 'section', text: { type: 'mrkdwn', text } });
  const blocks: Block[] = [{ type: 'header', text: { type: 'plain_text', text: t.plain('slack:home.mine_title') } }];
  if (input.mine.length === 0) blocks.push(section(t.md('slack:home.none', {}, { channel: `<#${input.handoffChannel}>` })));
  for (const view of input.mine.slice(0, MAX_CASES)) {
    const facts = {
      reference: view.reference,
      kind: t.plain(`slack:kind.${view.kind}`),
      status: t.plain(`slack:status.${view.status}`),
      language: languageName(view.language, languages),
    };
    blocks.push(section(t.md(view.urgent ? 'slack:home.case_urgent' : 'slack:home.case', facts)));
  }
  if (input.mine.length > MAX_CASES) blocks.push(section(t.md('slack:home.more', { number: input.mine.length - MAX_CASES })));
  blocks.push({ type: 'divider' }, { type: 'header', text: { type: 'plain_text', text: t.plain('slack:home.queues_title') } });
  for (const q of input.queues) {
    blocks.push(section(t.md('slack:home.queue', { queue: t.plain(`slack:queue.${q.queue}`), open: q.open, unclaimed: q.unclaimed, urgent: q.urgent })));
  }
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: t.md('slack:home.updated', {}, { time: slackDate(input.now) }) }] });
  return { type: 'home', blocks };
}
