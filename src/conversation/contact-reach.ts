/**
 * "Is it safe to contact you on this phone?" as a setting every channel honours. The people who
 * write here may share a phone with someone who controls them: a message the service sends first
 * (a status change, a counsellor's words, a reminder) can be read on the lock screen by anyone.
 *
 * - `push`: the service may message first.
 * - `discreet`: it may only send a neutral notice that names nothing (no organisation, no case,
 *   no "return"); the news itself is given when the person writes.
 * - `wait`: nothing is sent first; the news waits until the person writes.
 *
 * Answers to the person's own messages are never "first": while they are present (they wrote within
 * PRESENCE_MS) the service answers normally, whatever the setting.
 */
export const reachModes = ['push', 'discreet', 'wait'] as const;
export type Reach = (typeof reachModes)[number];

/** How long after the person's last message a message to them still counts as an answer. */
export const PRESENCE_MS = 30 * 60 * 1000;

export function parseReach(value: unknown): Reach | null {
  if (value === true || value === 'yes') return 'push';
  if (value === false || value === 'no') return 'wait';
  return reachModes.find((m) => m === value) ?? null;
}

/** Whether the person wrote recently enough that a message now answers them. */
export function present(contact: { lastSeenAt: Date | null }, now: Date): boolean {
  return contact.lastSeenAt !== null && now.getTime() - contact.lastSeenAt.getTime() <= PRESENCE_MS;
}

/** How a message the service wants to send now may reach the person: in full, as a neutral notice, or not at all. */
export function deliveryNow(contact: { reach: Reach; lastSeenAt: Date | null }, now: Date): 'full' | 'notice' | 'hold' {
  if (contact.reach === 'push' || present(contact, now)) return 'full';
  return contact.reach === 'discreet' ? 'notice' : 'hold';
}
