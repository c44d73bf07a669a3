/**
 * Bolt listeners: the card's buttons and selects, thread replies, App Home and `/avrr`. Every
 * listener acks first; the work after the ack runs in the background (see receiver.ts). Slack's
 * payloads are parsed with zod: only the fields used here are read.
 */
import type { App } from '@slack/bolt';
import { z } from 'zod';
import type { CaseWorkflow } from '../../conversation/case-workflow.js';
import { CaseWorkflowError } from '../../conversation/case-workflow-impl.js';
import { parseStatus } from '../../conversation/case-model.js';
import type { CaseStore } from '../../conversation/ports.js';
import type { Staff } from '../../conversation/case-model.js';
import type { SlackStaff } from './actor.js';
import { ACTION, ACTIONS_BLOCK_PREFIX, type CardContext } from './card.js';
import type { SlackClient } from './client.js';
import type { CommandReply, CommandInput } from './commands.js';
import { workflowErrorText } from './errors.js';
import { homeView } from './home.js';
import type { ThreadMessage, ReplyOutcome } from './live-line.js';

type Log = (level: 'warn' | 'error', message: string, data?: Record<string, unknown>) => void;

export interface ListenerDeps {
  client: SlackClient;
  cases: CaseStore;
  workflow: CaseWorkflow;
  card: CardContext;
  handoffChannel: string;
  /** The workspace (team id) the app serves: requests from any other are ignored. */
  teamId: string;
  /** The staff member behind a Slack user, or null: they may do nothing. */
  staffOf: SlackStaff;
  onThreadMessage: (message: ThreadMessage) => Promise<ReplyOutcome>;
  avrr: (input: CommandInput) => Promise<CommandReply>;
  /** Delivers what the work just queued (the card update), instead of waiting for the next run. */
  flush: () => Promise<unknown>;
  clock: () => Date;
  log: Log;
}

const actionBody = z.object({
  team: z.object({ id: z.string().min(1) }).nullish(),
  user: z.object({ id: z.string().min(1), username: z.string().optional(), name: z.string().optional(), team_id: z.string().optional() }),
  channel: z.object({ id: z.string().min(1) }).optional(),
  actions: z
    .array(
      z.object({
        action_id: z.string(),
        block_id: z.string().optional(),
        value: z.string().optional(),
        selected_option: z.object({ value: z.string() }).nullish(),
      }),
    )
    .min(1),
});

const messageBody = z.object({
  team_id: z.string().min(1),
  event_id: z.string().min(1),
  event: z.object({
    type: z.literal('message'),
    channel: z.string().min(1),
    user: z.string().min(1).optional(),
    text: z.string().default(''),
    ts: z.string().min(1),
    thread_ts: z.string().optional(),
    subtype: z.string().optional(),
    bot_id: z.string().optional(),
    files: z.array(z.unknown()).optional(),
  }),
});

const homeBody = z.object({ team_id: z.string().min(1), event: z.object({ type: z.literal('app_home_opened'), user: z.string().min(1), tab: z.string().optional() }) });

const commandBody = z.object({
  team_id: z.string().min(1),
  channel_id: z.string().optional(),
  text: z.string().default(''),
  user_id: z.string().min(1),
  user_name: z.string().optional(),
});

/** Subtypes that are a person writing (with a file, or also sent to the channel). */
const WRITTEN = new Set([undefined, 'file_share', 'thread_broadcast']);

export function registerListeners(app: App, deps: ListenerDeps): void {
  const { client, workflow } = deps;
  const t = deps.card.text;

  async function publishHome(userId: string, staff: Staff): Promise<void> {
    const [mine, queues] = await Promise.all([deps.cases.assignedTo(staff.actorIds), deps.cases.queueCounts()]);
    const view = homeView({ mine, queues, handoffChannel: deps.handoffChannel, now: deps.clock() }, t, deps.card.languages);
    await client.views.publish({ user_id: userId, view });
  }

  async function tell(channel: string | undefined, user: string, text: string): Promise<void> {
    if (channel) await client.chat.postEphemeral({ channel, user, text });
  }

  /** Runs a card action: refusals are told to the counsellor; the card and their Home follow. */
  async function act(body: unknown, work: (ctx: { actor: Staff; reference: string; value: string }) => Promise<void>): Promise<void> {
    const parsed = actionBody.safeParse(body);
    if (!parsed.success) {
      deps.log('warn', 'slack: unreadable action payload');
      return;
    }
    const { team, user, channel, actions } = parsed.data;
    const action = actions[0];
    if (!action) return;
    // Only this workspace, only the handoff channel: a card shown elsewhere (or a forged payload) does nothing.
    if ((team?.id ?? user.team_id) !== deps.teamId) {
      deps.log('warn', 'slack: action from another workspace ignored');
      return;
    }
    if (channel?.id !== deps.handoffChannel) {
      await tell(channel?.id, user.id, t.md('slack:error.not_here', {}, { channel: `<#${deps.handoffChannel}>` }));
      return;
    }
    const staff = await deps.staffOf(user.id);
    if (!staff) {
      await tell(channel.id, user.id, t.md('slack:error.not_staff'));
      return;
    }
    const value = action.selected_option?.value ?? action.value ?? '';
    const reference = action.block_id?.startsWith(ACTIONS_BLOCK_PREFIX) ? action.block_id.slice(ACTIONS_BLOCK_PREFIX.length) : action.value ?? '';
    try {
      await work({ actor: staff, reference, value });
    } catch (error) {
      if (error instanceof CaseWorkflowError) {
        await tell(channel?.id, user.id, workflowErrorText(error, t));
        return;
      }
      deps.log('error', 'slack: action failed', { action: action.action_id, error: error instanceof Error ? error.message : String(error) });
      await tell(channel?.id, user.id, t.md('slack:error.generic'));
      return;
    }
    await deps.flush();
    await publishHome(user.id, staff).catch((error: unknown) => deps.log('warn', 'slack: App Home not refreshed', { error: String(error) }));
  }

  app.action(ACTION.claim, async ({ ack, body }) => {
    await ack();
    await act(body, async ({ actor, reference }) => {
      await workflow.claim(reference, actor);
    });
  });

  app.action(ACTION.close, async ({ ack, body }) => {
    await ack();
    await act(body, async ({ actor, reference }) => {
      await workflow.close(reference, actor);
    });
  });

  app.action(ACTION.setStatus, async ({ ack, body }) => {
    await ack();
    await act(body, async ({ actor, reference, value }) => {
      const status = parseStatus(value);
      if (!status) throw new CaseWorkflowError('unknown_status', `no status "${value}"`);
      await workflow.setStatus(reference, status, actor);
    });
  });

  app.action(ACTION.sendTemplate, async ({ ack, body }) => {
    await ack();
    await act(body, async ({ actor, reference, value }) => {
      const template = deps.card.templates.find((x) => x.name === value);
      if (!template) throw new CaseWorkflowError('unknown_template', `no template "${value}"`);
      if (template.params.length > 0) {
        // Values cannot be typed into a select: the command takes them.
        const example = template.params.map((p) => `${p}="…"`).join(' ');
        const parsed = actionBody.parse(body);
        await tell(parsed.channel?.id, parsed.user.id, t.md('slack:command.template_needs_values', { name: template.name, reference, example }));
        return;
      }
      await workflow.sendTemplate(reference, template.name, actor);
    });
  });

  app.event('message', async ({ body }) => {
    const parsed = messageBody.safeParse(body);
    if (!parsed.success) return;
    const { event_id: eventId, event, team_id: team } = parsed.data;
    if (team !== deps.teamId) return;
    // Only people's replies inside a thread; the bot's own posts, edits and joins are not replies.
    if (!event.thread_ts || event.thread_ts === event.ts || event.bot_id || !event.user || !WRITTEN.has(event.subtype)) return;
    const outcome = await deps.onThreadMessage({
      eventId,
      channel: event.channel,
      threadTs: event.thread_ts,
      ts: event.ts,
      user: event.user,
      text: event.text,
      hasFiles: (event.files ?? []).length > 0,
    });
    if (outcome !== 'duplicate' && outcome !== 'not_a_case') await deps.flush();
  });

  app.event('app_home_opened', async ({ body }) => {
    const parsed = homeBody.safeParse(body);
    if (!parsed.success || parsed.data.team_id !== deps.teamId || (parsed.data.event.tab ?? 'home') !== 'home') return;
    const staff = await deps.staffOf(parsed.data.event.user);
    // Someone who is not staff sees nothing of the cases.
    if (staff) await publishHome(parsed.data.event.user, staff);
  });

  app.command('/avrr', async ({ ack, body }) => {
    const parsed = commandBody.safeParse(body);
    if (!parsed.success) {
      await ack();
      return;
    }
    const { text, user_id: userId, user_name: userName, team_id: team } = parsed.data;
    if (team !== deps.teamId) {
      await ack();
      return;
    }
    const answer = await deps.avrr({ text, userId, userName, staff: await deps.staffOf(userId) });
    await ack(answer.response);
    if (answer.after) await answer.after();
    await deps.flush();
  });

  app.error(async (error) => {
    deps.log('error', 'slack: listener error', { error: error.message });
  });
}
