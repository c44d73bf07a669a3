/**
 * What the Slack side queues in the outbox, one kind per deliverer. Items about a case share the
 * order key of its card, so the card is posted before anything goes into its thread.
 */
import { z } from 'zod';
import type { OutboxItem } from '../../conversation/ports.js';

export const KIND = {
  card: 'slack.case_card',
  relay: 'slack.relay',
  note: 'slack.thread_note',
  reaction: 'slack.reaction',
  erase: 'slack.erase_thread',
} as const;

export const caseOrderKey = (caseId: string): string => `slack:case:${caseId}`;

const params = z.record(z.string(), z.union([z.string(), z.number()]));

export const cardPayload = z.object({ caseId: z.string().min(1) });
export const relayPayload = z.object({ caseId: z.string().min(1), text: z.string(), attachment: z.boolean().default(false) });
export const notePayload = z.object({
  caseId: z.string().min(1),
  /** A `slack:` locale key, rendered in the counsellors' language when delivered. */
  key: z.string().min(1),
  params: params.default({}),
  /** Values built by us that must not be escaped (mentions). */
  raw: z.record(z.string(), z.string()).default({}),
});
export const reactionPayload = z.object({ channel: z.string().min(1), ts: z.string().min(1), name: z.string().min(1) });
export function cardItem(caseId: string): OutboxItem {
  return { kind: KIND.card, payload: { caseId }, orderKey: caseOrderKey(caseId) };
}

export function relayItem(caseId: string, text: string, attachment = false): OutboxItem {
  return { kind: KIND.relay, payload: { caseId, text, attachment }, orderKey: caseOrderKey(caseId) };
}

export function noteItem(caseId: string, key: string, values: z.input<typeof params> = {}, raw: Record<string, string> = {}): OutboxItem {
  return { kind: KIND.note, payload: { caseId, key, params: values, raw }, orderKey: caseOrderKey(caseId) };
}

export function reactionItem(caseId: string, channel: string, ts: string, name: string): OutboxItem {
  return { kind: KIND.reaction, payload: { channel, ts, name }, orderKey: caseOrderKey(caseId) };
}

export const erasePayload = z.object({ caseId: z.string().min(1), kept: z.boolean() });

export function eraseItem(caseId: string, kept: boolean): OutboxItem {
  return { kind: KIND.erase, payload: { caseId, kept }, orderKey: caseOrderKey(caseId) };
}
