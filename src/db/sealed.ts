/**
 * Where encrypted values live, and the context each is bound to (AES-GCM additional data): the
 * table, the column and the row's key. A value copied into another row, or another column, does
 * not decrypt. One place lists them all, so a check (the erasure test) can open every one.
 */
export type SealedColumn =
  | 'cases.personal_enc'
  | 'sessions.state_enc'
  | 'transcript_messages.text_enc'
  | 'pending_news.message_enc'
  | 'case_notes.text_enc'
  | 'case_events.reason_enc'
  | 'outbox.payload_enc'
  | 'travel_plans.details_enc';

/** Which column of the row holds the key a sealed value is bound to. */
export const SEALED_KEYS: Readonly<Record<SealedColumn, string>> = {
  'cases.personal_enc': 'id',
  'sessions.state_enc': 'contact_id',
  'transcript_messages.text_enc': 'contact_id',
  'pending_news.message_enc': 'contact_id',
  'case_notes.text_enc': 'case_id',
  'case_events.reason_enc': 'case_id',
  // The order key is fixed while the item is pending, and the payload goes when it is done.
  'outbox.payload_enc': 'order_key',
  'travel_plans.details_enc': 'case_id',
};

export function sealContext(column: SealedColumn, key: string): string {
  return `${column}:${key}`;
}
