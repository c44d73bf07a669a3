/**
 * `/avrr`: `queue`, `case <reference>`, `template <name> [<reference>] [name=value ...]`, `slots`
 * (see slots-command.ts), `login`.
 * Answers are ephemeral (only the counsellor sees them).
 */
import type { CaseTemplate } from '../../conversation/case-templates.js';
import type { CaseWorkflow } from '../../conversation/case-workflow.js';
import { CaseWorkflowError } from '../../conversation/case-workflow-impl.js';
import type { CaseStore } from '../../conversation/ports.js';
import { refusal, type Staff } from '../../conversation/case-model.js';
import { caseCard, type Block, type CardContext } from './card.js';
import type { SlackClient } from './client.js';
import { workflowErrorText } from './errors.js';
import { createSlotsCommand, type SlotsDeps } from './slots-command.js';

export interface CommandInput {
  text: string;
  userId: string;
  userName: string | undefined;
  /** The staff member behind the Slack user; null: only `login` (which says so) and help answer. */
  staff: Staff | null;
}

export interface CommandReply {
  /** What the ack carries (shown at once, only to the counsellor). */
  response: { response_type: 'ephemeral'; text: string; blocks?: Block[] };
  /** Work to do after the ack (a DM). */
  after?: () => Promise<void>;
}

export interface CommandDeps {
  cases: CaseStore;
  workflow: CaseWorkflow;
  client: SlackClient;
  card: CardContext;
  templates: readonly CaseTemplate[];
  /**
   * The dashboard's one-time sign-in link for a counsellor, found by Slack id or else by email;
   * null when they are not a dashboard user.
   */
  loginLink?: ((who: { toolUserId: string; tool: string } | { email: string }) => Promise<string | null>) | undefined;
}

/** With appointments: `/avrr slots`. */
export type AvrrCommandDeps = CommandDeps & Partial<SlotsDeps>;

const REFERENCE = /^[A-Z]{3}-\d{4}-\d{6,}$/i;

/** Words, `name=value` pairs and quoted values ("...", and the curly quotes Slack's editor types). */
export function tokenize(text: string): { words: string[]; values: Record<string, string> } {
  const words: string[] = [];
  const values: Record<string, string> = {};
  const pattern = /([A-Za-z_]\w*)=(?:["“”]([^"“”]*)["“”]|(\S+))|["“”]([^"“”]*)["“”]|(\S+)/g;
  for (const m of text.matchAll(pattern)) {
    if (m[1] !== undefined) values[m[1]] = (m[2] ?? m[3] ?? '').trim();
    else words.push((m[4] ?? m[5] ?? '').trim());
  }
  return { words, values };
}

export function createAvrrCommand(deps: AvrrCommandDeps) {
  const t = deps.card.text;
  const reply = (text: string, blocks?: Block[]): CommandReply => ({ response: { response_type: 'ephemeral', text, ...(blocks ? { blocks } : {}) } });
  const templateNames = () => deps.templates.map((x) => x.name).join(', ');
  const slots =
    deps.appointments && deps.offices && deps.languages && deps.clock
      ? createSlotsCommand({ appointments: deps.appointments, offices: deps.offices, languages: deps.languages, clock: deps.clock }, t)
      : null;

  async function queue(): Promise<CommandReply> {
    const counts = await deps.cases.queueCounts();
    const lines = counts.map((q) => t.md('slack:home.queue', { queue: t.plain(`slack:queue.${q.queue}`), open: q.open, unclaimed: q.unclaimed, urgent: q.urgent }));
    return reply([t.md('slack:command.queue_title'), ...lines].join('\n'));
  }

  async function showCase(reference: string | undefined, staff: Staff): Promise<CommandReply> {
    if (!reference) return reply(t.md('slack:command.help'));
    const view = REFERENCE.test(reference) ? await deps.cases.byReference(reference.toUpperCase()) : null;
    // A case this person may not see is answered as if it did not exist: references are guessable.
    if (!view || refusal(staff, 'view', view) !== null) return reply(t.md('slack:command.case_not_found', { reference }));
    const card = caseCard(view, deps.card);
    return reply(card.text, card.blocks);
  }

  async function template(args: string[], values: Record<string, string>, staff: Staff): Promise<CommandReply> {
    const [name, reference] = args;
    if (!name) return reply(t.md('slack:command.template_list', { names: templateNames() }));
    const found = deps.templates.find((x) => x.name === name);
    if (!found) return reply(t.md('slack:command.template_unknown', { name, names: templateNames() }));
    let target = reference && REFERENCE.test(reference) ? reference.toUpperCase() : undefined;
    if (!target) {
      // Slash commands carry no thread: with one open case of their own, that is the one meant.
      const mine = await deps.cases.assignedTo(staff.actorIds);
      if (mine.length !== 1 || !mine[0]) return reply(t.md('slack:command.template_which_case', { name }));
      target = mine[0].reference;
    }
    const missing = found.params.filter((p) => !values[p]);
    if (missing.length > 0) {
      const example = found.params.map((p) => `${p}="…"`).join(' ');
      return reply(t.md('slack:command.template_missing', { name, missing: missing.join(', '), example }));
    }
    try {
      await deps.workflow.sendTemplate(target, name, staff, values);
    } catch (error) {
      if (error instanceof CaseWorkflowError) return reply(workflowErrorText(error, t));
      throw error;
    }
    return reply(t.md('slack:command.template_sent', { name, reference: target }));
  }

  async function loginText(userId: string): Promise<string> {
    if (!deps.loginLink) return t.md('slack:command.login_unavailable');
    const link = (url: string) => t.md('slack:command.login_link', {}, { link: `<${url}|${t.plain('slack:command.login_link_label')}>` });
    const bySlackId = await deps.loginLink({ tool: 'slack', toolUserId: userId });
    if (bySlackId) return link(bySlackId);
    // Not linked by Slack id: the email of their Slack profile (scope users:read.email).
    const info = await deps.client.users.info({ user: userId });
    const email = info.user?.profile?.email;
    if (!email) return t.md('slack:command.login_no_email');
    const byEmail = await deps.loginLink({ email });
    return byEmail ? link(byEmail) : t.md('slack:command.login_not_a_user');
  }

  function login(input: CommandInput): CommandReply {
    return {
      ...reply(t.md('slack:command.login_dm')),
      after: async () => {
        const text = await loginText(input.userId);
        const dm = await deps.client.conversations.open({ users: input.userId });
        const channel = dm.channel?.id;
        // A sign-in link: Slack's unfurler must not fetch it.
        if (channel) await deps.client.chat.postMessage({ channel, text, unfurl_links: false, unfurl_media: false });
      },
    };
  }

  return async function avrr(input: CommandInput): Promise<CommandReply> {
    const { words, values } = tokenize(input.text);
    const [sub, ...args] = words;
    const command = (sub ?? '').toLowerCase();
    if (command === 'login') return login(input);
    if (!input.staff) return reply(t.md('slack:error.not_staff'));
    switch (command) {
      case 'queue':
        return queue();
      case 'case':
        return showCase(args[0], input.staff);
      case 'template':
        return template(args, values, input.staff);
      case 'slots':
        return reply(slots ? await slots(args, values, input.staff) : t.md('slack:command.help'));
      default:
        return reply(t.md('slack:command.help'));
    }
  };
}
