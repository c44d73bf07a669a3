/**
 * The Slack side's small parts on their own: signing, text conversion, the card in every state
 * against Block Kit's limits, and the /avrr tokenizer.
 */
import { describe, expect, it } from 'vitest';
import { ACTION, caseCard, slackDate } from '../../../src/channels/slack/card.js';
import { tokenize } from '../../../src/channels/slack/commands.js';
import { escapeMrkdwn, htmlToMrkdwn, SlackText, slackToPlain } from '../../../src/channels/slack/mrkdwn.js';
import { parseSlackBody } from '../../../src/channels/slack/receiver.js';
import { verifySlackSignature } from '../../../src/channels/slack/verify.js';
import { templateCatalog } from '../../../src/conversation/case-templates.js';
import type { CaseView } from '../../../src/conversation/ports.js';
import { Translator } from '../../../src/i18n/translator.js';
import { realContent } from '../../support/app.js';
import { checkBlocks, sign } from '../../support/fake-slack/index.js';

const content = realContent();
const text = new SlackText(new Translator(content));
const templates = templateCatalog(content.resources);
const ctx = { text, languages: content.languages, templates };

const view = (overrides: Partial<CaseView> = {}): CaseView => ({
  id: '6f1c0b7e-0000-4000-8000-000000000001',
  reference: 'AVR-2026-000042',
  contactId: '6f1c0b7e-0000-4000-8000-000000000002',
  kind: 'application',
  queue: 'avrr',
  status: 'submitted',
  outcome: 'eligible',
  urgent: false,
  rules: ['R1', 'R4'],
  route: 'standard',
  rulesVersion: '2026.1',
  language: 'ar',
  nationality: 'SY',
  returnCountry: 'SY',
  hostCountry: 'BA',
  answers: { contact_preference: 'chat', needs_interpreter: true },
  personal: { full_name: 'Amira Secret', phone: '+38761000000' },
  assignee: null,
  createdAt: new Date('2026-11-23T09:00:00Z'),
  updatedAt: new Date('2026-11-23T09:00:00Z'),
  contact: { channel: 'telegram', channelUserId: '987654321', reachable: true, language: 'ar', reach: 'push' },
  version: 0,
  ...overrides,
});

describe('request signing', () => {
  const secret = 's3cret';
  const now = new Date('2026-11-23T10:00:00Z');
  const ts = Math.floor(now.getTime() / 1000);
  const body = 'token=x&command=%2Favrr';
  const headers = (timestamp: number, signature = sign(body, timestamp, secret)) => ({ timestamp: String(timestamp), signature });

  it('accepts Slack’s v0 signature within five minutes either way', () => {
    expect(verifySlackSignature(secret, headers(ts), body, now)).toEqual({ ok: true });
    expect(verifySlackSignature(secret, headers(ts - 299), body, now)).toEqual({ ok: true });
    expect(verifySlackSignature(secret, headers(ts + 299), body, now)).toEqual({ ok: true });
  });

  it('refuses stale, future, tampered, truncated and missing signatures', () => {
    expect(verifySlackSignature(secret, headers(ts - 301), body, now)).toEqual({ ok: false, reason: 'stale' });
    expect(verifySlackSignature(secret, headers(ts + 301), body, now)).toEqual({ ok: false, reason: 'stale' });
    expect(verifySlackSignature(secret, headers(ts), `${body}&x=1`, now)).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifySlackSignature(secret, headers(ts, sign(body, ts, secret).slice(0, 20)), body, now)).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifySlackSignature(secret, { timestamp: undefined, signature: 'v0=00' }, body, now)).toEqual({ ok: false, reason: 'missing' });
    expect(verifySlackSignature(secret, { timestamp: 'abc', signature: 'v0=00' }, body, now)).toEqual({ ok: false, reason: 'missing' });
  });
});

describe('text for and from Slack', () => {
  it('escapes what would become a mention or a link', () => {
    expect(escapeMrkdwn('<!channel> & <@U1>')).toBe('&lt;!channel&gt; &amp; &lt;@U1&gt;');
  });

  it('turns our safe HTML into mrkdwn', () => {
    expect(htmlToMrkdwn('<b>Bold</b>, <i>it</i> &amp; <a href="https://x.org/?a=1&amp;b=2">link</a> 1 &lt; 2')).toBe(
      '*Bold*, _it_ &amp; <https://x.org/?a=1&amp;b=2|link> 1 &lt; 2',
    );
  });

  it('renders locale keys with escaped values and our own raw values', () => {
    expect(text.md('slack:card.claimed', {}, { user: '<@U1>' })).toContain('Claimed by <@U1>.');
    expect(text.md('slack:thread.from_person', { text: '<!here> hi' })).toBe('💬 &lt;!here&gt; hi');
    expect(text.plain('slack:status.in_review')).toBe('In review');
  });

  it('turns what a counsellor typed into plain text for the person', () => {
    expect(slackToPlain('See <https://iom.int|our site> or <https://x.org>, ask <@U1>, &lt;3 &amp; <!here>')).toBe(
      'See our site (https://iom.int) or https://x.org, ask @U1, <3 & @here',
    );
    expect(slackToPlain('mail <mailto:a@b.org|a@b.org>')).toBe('mail a@b.org (a@b.org)');
  });

  it('formats times for each reader with a fallback', () => {
    expect(slackDate(new Date('2026-11-23T09:00:00Z'))).toBe('<!date^1795424400^{date_short_pretty} {time}|2026-11-23T09:00:00.000Z>');
  });
});

describe('the card', () => {
  const states: Array<[string, Partial<CaseView>, string[]]> = [
    ['new', {}, [ACTION.claim, ACTION.setStatus]],
    ['claimed in Slack', { assignee: 'slack:U1', status: 'in_review' }, [ACTION.close, ACTION.setStatus, ACTION.sendTemplate]],
    ['claimed in the dashboard', { assignee: 'user:1234' }, [ACTION.close, ACTION.setStatus, ACTION.sendTemplate]],
    ['closed', { assignee: 'slack:U1', status: 'closed' }, []],
    ['urgent', { urgent: true, kind: 'protection', queue: 'protection', outcome: null, rules: [] }, [ACTION.claim, ACTION.setStatus]],
  ];

  it.each(states)('fits Block Kit when %s, with the actions that fit', (_, overrides, actions) => {
    const card = caseCard(view(overrides), ctx);
    expect(checkBlocks('card', card.blocks, 50)).toEqual([]);
    expect(card.text.length).toBeGreaterThan(0);
    const shown = card.blocks.flatMap((b) => (b.type === 'actions' ? (b['elements'] as Array<{ action_id: string }>).map((e) => e.action_id) : []));
    expect(shown).toEqual(actions);
  });

  it('carries the metadata for Slack workflows', () => {
    expect(caseCard(view({ status: 'approved', urgent: true }), ctx).metadata).toEqual({
      event_type: 'avrr_case',
      event_payload: { reference: 'AVR-2026-000042', kind: 'application', outcome: 'eligible', language: 'ar', status: 'approved', urgent: true },
    });
  });

  it('shows categories, never personal answers or the chat id', () => {
    const shown = JSON.stringify(caseCard(view(), ctx));
    expect(shown).toContain('Syria');
    expect(shown).toContain('Bosnia');
    expect(shown).toContain('Interpreter needed: yes');
    for (const secret of ['Amira', '38761000000', '987654321']) expect(shown).not.toContain(secret);
  });

  it('stays within limits with long values', () => {
    const card = caseCard(view({ rules: Array.from({ length: 500 }, (_, i) => `RULE_${i}`), route: 'x'.repeat(5000) }), ctx);
    expect(checkBlocks('card', card.blocks, 50)).toEqual([]);
  });
});

describe('/avrr arguments', () => {
  it('reads words, name=value pairs and quoted values (straight or curly)', () => {
    expect(tokenize('template appointment AVR-2026-000001 date=2026-12-03 place="IOM office, Sarajevo"')).toEqual({
      words: ['template', 'appointment', 'AVR-2026-000001'],
      values: { date: '2026-12-03', place: 'IOM office, Sarajevo' },
    });
    expect(tokenize('template appointment place=“Lipa camp”').values).toEqual({ place: 'Lipa camp' });
  });
});

describe('request bodies', () => {
  it('reads JSON events, form commands and interactivity payloads', () => {
    expect(parseSlackBody('{"type":"event_callback"}', 'application/json')).toEqual({ type: 'event_callback' });
    expect(parseSlackBody('command=%2Favrr&text=queue', 'application/x-www-form-urlencoded')).toEqual({ command: '/avrr', text: 'queue' });
    expect(parseSlackBody(`payload=${encodeURIComponent('{"type":"block_actions"}')}`, 'application/x-www-form-urlencoded')).toEqual({ type: 'block_actions' });
    expect(parseSlackBody('{oops', 'application/json')).toBeNull();
    expect(parseSlackBody('[1,2]', 'application/json')).toBeNull();
  });
});
