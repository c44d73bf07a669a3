/**
 * A case as a Slack card: what a counsellor needs to pick it up, and nothing more (no chat id, no
 * documents, no free text; see shared/domain/application-data.md). Built from the current state of
 * the case every time, so posting and updating are the same code.
 */
import type { CaseTemplate } from '../../conversation/case-templates.js';
import { hasLiveLine, transitions } from '../../conversation/case-model.js';
import type { CaseView } from '../../conversation/ports.js';
import { countryName } from '../../engine/country.js';
import type { Language } from '../../flow/languages.js';
import type { SlackText } from './mrkdwn.js';

export const ACTION = {
  claim: 'case.claim',
  close: 'case.close',
  setStatus: 'case.set_status',
  sendTemplate: 'case.send_template',
} as const;

/** The card's actions block carries the reference: `case:AVR-2026-000123`. */
export const ACTIONS_BLOCK_PREFIX = 'case:';

export type Block = { type: string; block_id?: string; [field: string]: unknown };

export interface SlackMessage {
  text: string;
  blocks: Block[];
  metadata?: { event_type: string; event_payload: Record<string, string | number | boolean> };
}

export interface CardContext {
  text: SlackText;
  languages: readonly Language[];
  templates: readonly CaseTemplate[];
}

/** Answers shown on the card when present: choices and flags only. */
const SUMMARY_ANSWERS = ['contact_preference', 'identity_document', 'accommodation', 'needs_interpreter'] as const;
const OPTION_TEXT_LIMIT = 75;
const FIELD_LIMIT = 2000;
const SECTION_LIMIT = 3000;

export function languageName(tag: string, languages: readonly Language[]): string {
  const l = languages.find((x) => x.tag === tag);
  if (!l) return tag;
  return l.english === l.name ? l.english : `${l.english} (${l.name})`;
}

/** Slack shows this in each reader's time zone; the ISO time is the fallback. */
export function slackDate(at: Date): string {
  return `<!date^${Math.floor(at.getTime() / 1000)}^{date_short_pretty} {time}|${at.toISOString()}>`;
}

export function mention(assignee: string): string | null {
  return assignee.startsWith('slack:') ? `<@${assignee.slice('slack:'.length)}>` : null;
}

const truncate = (s: string, max: number): string => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);
const plainText = (text: string) => ({ type: 'plain_text', text, emoji: true });
const md = (text: string) => ({ type: 'mrkdwn', text });

function summary(view: CaseView, t: SlackText): string {
  const parts: string[] = [];
  const country = (code: string | null, key: string) => {
    if (code) parts.push(t.md(`slack:summary.${key}`, { value: countryName(code, 'en') }));
  };
  country(view.nationality, 'nationality');
  country(view.returnCountry, 'return_country');
  country(view.hostCountry, 'host_country');
  if (view.route) parts.push(t.md('slack:summary.route', { value: view.route }));
  for (const name of SUMMARY_ANSWERS) {
    const value = view.answers[name];
    if (typeof value === 'string' && value !== '') parts.push(t.md(`slack:summary.${name}`, { value }));
    if (typeof value === 'boolean') parts.push(t.md(`slack:summary.${name}`, { value: t.plain(value ? 'slack:summary.yes' : 'slack:summary.no') }));
  }
  return parts.join('\n');
}

function statusOption(status: string, t: SlackText) {
  return { text: plainText(truncate(t.plain(`slack:status.${status}`), OPTION_TEXT_LIMIT)), value: status };
}

function templateOptions(ctx: CardContext) {
  return ctx.templates.slice(0, 100).map((tpl) => {
    const preview = Object.fromEntries(tpl.params.map((p) => [p, '…']));
    return { text: plainText(truncate(ctx.text.plain(`templates:${tpl.name}`, preview), OPTION_TEXT_LIMIT)), value: tpl.name };
  });
}

function actions(view: CaseView, ctx: CardContext): Block | null {
  const t = ctx.text;
  if (!hasLiveLine(view.status)) return null;
  const elements: Block[] = [];
  if (view.assignee === null) {
    elements.push({ type: 'button', action_id: ACTION.claim, text: plainText(t.plain('slack:card.claim')), style: 'primary', value: view.reference });
  } else {
    elements.push({
      type: 'button',
      action_id: ACTION.close,
      text: plainText(t.plain('slack:card.close')),
      style: 'danger',
      value: view.reference,
      confirm: {
        title: plainText(t.plain('slack:card.confirm_close_title')),
        text: md(t.md('slack:card.confirm_close_text')),
        confirm: plainText(t.plain('slack:card.confirm_close_yes')),
        deny: plainText(t.plain('slack:card.cancel')),
        style: 'danger',
      },
    });
  }
  elements.push({
    type: 'static_select',
    action_id: ACTION.setStatus,
    placeholder: plainText(t.plain('slack:card.status_placeholder')),
    // The statuses this case can move to from where it is (the case model's transitions).
    options: [view.status, ...transitions[view.status]].map((s) => statusOption(s, t)),
    initial_option: statusOption(view.status, t),
  });
  if (view.assignee !== null && ctx.templates.length > 0) {
    elements.push({
      type: 'static_select',
      action_id: ACTION.sendTemplate,
      placeholder: plainText(t.plain('slack:card.template_placeholder')),
      options: templateOptions(ctx),
    });
  }
  return { type: 'actions', block_id: `${ACTIONS_BLOCK_PREFIX}${view.reference}`, elements };
}

function claimLine(view: CaseView, t: SlackText): string {
  if (!hasLiveLine(view.status)) return t.md('slack:card.ended', { status: t.plain(`slack:status.${view.status}`) });
  if (view.assignee === null) return t.md('slack:card.unclaimed');
  const who = mention(view.assignee);
  return who ? t.md('slack:card.claimed', {}, { user: who }) : t.md('slack:card.claimed_elsewhere');
}

/** What is arranged for the case, shown on its card when there is any. */
export interface CardExtras {
  /** The booked appointment. */
  appointment?: { startsAt: Date; mode: string } | null;
  /** The documents checklist's progress, when it has items. */
  documents?: { ready: number; total: number } | null;
  /** The travel and the person's answer to it. */
  travel?: { departsAt: Date; confirmed: boolean; problem: string | null } | null;
}

function extraLines(extras: CardExtras, t: SlackText): string[] {
  const lines: string[] = [];
  const tr = extras.travel;
  if (tr) {
    const state = tr.problem
      ? t.plain('slack:travel_state.problem', { problem: t.plain(`slack:travel_problem.${tr.problem}`) })
      : t.plain(tr.confirmed ? 'slack:travel_state.confirmed' : 'slack:travel_state.waiting');
    lines.push(t.md('slack:card.travel', { state }, { time: slackDate(tr.departsAt) }));
  }
  const a = extras.appointment;
  if (a) lines.push(t.md('slack:card.appointment', { mode: t.plain(`slack:appointment_mode.${a.mode}`) }, { time: slackDate(a.startsAt) }));
  const d = extras.documents;
  if (d && d.total > 0) lines.push(t.md('slack:card.documents', d));
  return lines;
}

/** The card: header, facts, summary, what is arranged, who holds it, and the actions that fit its state. */
export function caseCard(view: CaseView, ctx: CardContext, extras: CardExtras = {}, options: { ping?: boolean } = {}): SlackMessage {
  const t = ctx.text;
  const kind = t.plain(`slack:kind.${view.kind}`);
  const queue = t.plain(`slack:queue.${view.queue}`);
  const status = t.plain(`slack:status.${view.status}`);
  const language = languageName(view.language, ctx.languages);
  const flags = view.rules.length > 0 ? view.rules.join(', ') : t.plain('slack:card.no_flags');
  const facts = { reference: view.reference, kind, queue, status, language };
  const blocks: Block[] = [
    { type: 'header', text: plainText(t.plain(view.urgent ? 'slack:card.header_urgent' : 'slack:card.header', facts)) },
    {
      type: 'section',
      text: md(t.md('slack:card.title', facts)),
      fields: [
        t.md('slack:card.outcome', { outcome: view.outcome ?? t.plain('slack:card.no_outcome') }),
        t.md('slack:card.flags', { flags }),
        t.md('slack:card.language', { language }),
        t.md('slack:card.received', {}, { time: slackDate(view.createdAt) }),
        t.md('slack:card.channel', { channel: t.plain(`slack:channel.${view.contact.channel}`) }),
      ].map((field) => md(truncate(field, FIELD_LIMIT))),
    },
  ];
  const about = summary(view, t);
  if (about) blocks.push({ type: 'section', text: md(truncate(about, SECTION_LIMIT)) });
  const arranged = extraLines(extras, t);
  if (arranged.length > 0) blocks.push({ type: 'section', text: md(truncate(arranged.join('\n'), SECTION_LIMIT)) });
  blocks.push({ type: 'context', elements: [md(claimLine(view, t))] });
  // The person's answer to "is this phone safe?": what a counsellor may send first.
  if (view.contact.reach !== 'push') blocks.push({ type: 'context', elements: [md(t.md(`slack:card.reach_${view.contact.reach}`))] });
  const row = actions(view, ctx);
  if (row) blocks.push(row);
  // `@here` only when the poster was given the channel's ping (at most one every few minutes).
  const text = view.urgent
    ? options.ping
      ? t.md('slack:card.text_urgent', facts, { here: '<!here>' })
      : t.md('slack:card.text_urgent_quiet', facts)
    : t.md('slack:card.text', facts);
  return {
    text,
    blocks,
    metadata: {
      event_type: 'avrr_case',
      event_payload: {
        reference: view.reference,
        kind: view.kind,
        outcome: view.outcome ?? '',
        language: view.language,
        status: view.status,
        urgent: view.urgent,
      },
    },
  };
}
