/**
 * Domain events: what happened to a person or a case, said once by the core. Channel adapters
 * subscribe to the events they show; a subscription turns an event into outbox items, written in
 * the same transaction as the change that caused it, and delivered after it commits.
 */
import type { CaseStatus } from './case-model.js';
import type { Reach } from './contact-reach.js';
import type { ContactKey, OutboxItem } from './ports.js';
import type { RenderedMessage } from './types.js';

/** Who did something, as the case timeline records it. */
export interface Actor {
  /** Stable id: `user:<uuid>`, or a tool's own id for someone it knows. */
  id: string;
  /** What the timeline shows (an email, a handle). */
  name: string;
}

/**
 * Where a message to the person came from, so the tool that sent it can show whether it arrived:
 * the case, and the tool's own reference to the message (opaque to the core).
 */
export interface Receipt {
  caseId: string;
  ref: string;
}

export type DomainEvent =
  | { type: 'case.created'; caseId: string; urgent: boolean }
  /** The person asked again for what an open case already covers (no second case is opened). */
  | { type: 'case.repeated'; caseId: string; urgent: boolean }
  | { type: 'case.status_changed'; caseId: string; from: CaseStatus; to: CaseStatus; by: Actor; reason?: string }
  | { type: 'case.withdrawn'; caseId: string; from: CaseStatus }
  /** The person's data on this case was erased (`kept`: only what a journey needs remains). */
  | { type: 'case.erased'; caseId: string; kept: boolean }
  | { type: 'case.assigned'; caseId: string; to: Actor | null; by: Actor; claimed: boolean }
  | { type: 'case.template_sent'; caseId: string; by: Actor; template: string; english: string; language: string; told: boolean }
  | { type: 'message.to_person'; contact: ContactKey; message: RenderedMessage; receipt?: Receipt }
  | { type: 'message.to_counsellor'; caseId: string; text: string; attachment: boolean }
  /** The person changed whether the service may message their phone first; their cases with a live line show it. */
  | { type: 'contact.reach_changed'; caseIds: string[]; reach: Reach }
  /** Remove the conversation's messages from the person's device, as far as their channel can. */
  | { type: 'chat.clear'; contact: ContactKey }
  | { type: 'message.delivered'; receipt: Receipt }
  | { type: 'message.undeliverable'; receipt: Receipt; reason: string }
  // After the application (times are ISO strings: events become outbox payloads).
  /** The person booked a time (`moved`: instead of an earlier one). */
  | { type: 'appointment.booked'; caseId: string; appointmentId: string; startsAt: string; mode: string; moved: boolean }
  /** Cancelled by the person (`by` null) or by staff. */
  | { type: 'appointment.cancelled'; caseId: string; appointmentId: string; startsAt: string; by: Actor | null }
  /** The time is over: whether the person came is for staff to record. */
  | { type: 'appointment.ended'; caseId: string; appointmentId: string; startsAt: string }
  | { type: 'appointment.attendance'; caseId: string; appointmentId: string; startsAt: string; attended: boolean; by: Actor }
  /** The documents checklist changed: how many of its items are ready. */
  | { type: 'documents.changed'; caseId: string; ready: number; total: number; by: Actor }
  /** The counsellor entered or changed the travel details. */
  | { type: 'travel.planned'; caseId: string; departsAt: string; by: Actor }
  /** The person said they will be there. */
  | { type: 'travel.confirmed'; caseId: string; departsAt: string }
  /** The person has a problem with the travel: the counsellor must act now. */
  | { type: 'travel.problem_reported'; caseId: string; departsAt: string; problem: string }
  /** The departure time has passed and the case is not marked departed yet. */
  | { type: 'travel.departure_due'; caseId: string; departsAt: string }
  /** A check-in was answered (`problems`: the questions with a problem); urgent opened a protection case. */
  | { type: 'followup.answered'; caseId: string; month: number; problems: string[]; urgentCase: string | null }
  /** The follow-up ended early: the person stopped it, or two check-ins went unanswered. */
  | { type: 'followup.stopped'; caseId: string; reason: 'person' | 'unanswered' };

export type EventType = DomainEvent['type'];
export type EventOf<T extends EventType> = Extract<DomainEvent, { type: T }>;

/** An adapter's subscriptions: pure functions from an event to the outbox items it needs. */
export type Subscriptions = { readonly [T in EventType]?: (event: EventOf<T>) => OutboxItem[] };

export interface EventHub {
  /** The outbox items every subscriber wants for these events, in subscriber order. */
  itemsFor(events: readonly DomainEvent[]): OutboxItem[];
  /** Whether anyone follows events of this type (a live line needs someone on the other end). */
  followed(type: EventType): boolean;
}

export function createEventHub(subscribers: readonly Subscriptions[]): EventHub {
  function itemsOf<T extends EventType>(subscriptions: Subscriptions, event: EventOf<T>): OutboxItem[] {
    const handler = subscriptions[event.type] as ((e: EventOf<T>) => OutboxItem[]) | undefined;
    return handler ? handler(event) : [];
  }
  return {
    itemsFor: (events) => events.flatMap((event) => subscribers.flatMap((s) => itemsOf(s, event))),
    followed: (type) => subscribers.some((s) => s[type] !== undefined),
  };
}
