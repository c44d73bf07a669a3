import type { Message } from 'grammy/types';

/** What a person may send besides text, and the kind answer each gets (`telegram` namespace). */
const answers: ReadonlyArray<readonly [keyof Message, string]> = [
  ['photo', 'telegram:photo'],
  ['sticker', 'telegram:sticker'],
  ['voice', 'telegram:voice'],
  ['video_note', 'telegram:voice'],
  ['audio', 'telegram:voice'],
  ['location', 'telegram:location'],
  ['venue', 'telegram:location'],
  ['animation', 'telegram:other'],
  ['document', 'telegram:document'],
  ['video', 'telegram:other'],
  ['contact', 'telegram:other'],
  ['poll', 'telegram:other'],
  ['dice', 'telegram:other'],
  ['story', 'telegram:other'],
  ['checklist', 'telegram:other'],
];

/** The locale key of the answer to a message that is not text, or null for service messages (no answer). */
export function answerKeyFor(message: Message): string | null {
  // An animation also carries `document`: the first match in the list wins.
  for (const [field, key] of answers) if (message[field] !== undefined) return key;
  return null;
}

/** Answers to an edited message. */
export const EDITED_ANSWER = 'telegram:edited';
/** The kind apology when something failed on our side. */
export const APOLOGY = 'telegram:apology';
