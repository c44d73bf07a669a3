/**
 * The documents checklist: which documents a return needs, kept per case by the counsellor and shown
 * to the person in their language, with what each is and where to get it (locale texts
 * `plan:documents.item.<item>.name|what|where`). The bot collects no photos or scans: the list says
 * where to bring each document.
 */
export const documentItems = ['travel_document', 'identity_copy', 'birth_certificate', 'parent_consent', 'medical_certificate'] as const;
export type DocumentItem = (typeof documentItems)[number];

export const documentStatuses = ['needed', 'ready'] as const;
export type DocumentStatus = (typeof documentStatuses)[number];

export interface DocumentLine {
  item: DocumentItem;
  status: DocumentStatus;
  updatedBy: string;
  updatedAt: Date;
}

/** The checklist inside the transaction that holds a person's contact. */
export interface DocumentsTx {
  /** One of the person's cases' checklist, in catalog order. */
  list(caseId: string): Promise<DocumentLine[]>;
  /** Replaces the checklist (items not given are no longer on it). */
  set(caseId: string, items: ReadonlyArray<{ item: DocumentItem; status: DocumentStatus }>, by: string): Promise<void>;
}

/** The checklist outside a person's transaction (the card, the case page). */
export interface DocumentStore {
  ofCase(caseId: string): Promise<DocumentLine[]>;
}

export function parseDocumentItem(value: string): DocumentItem | null {
  return documentItems.find((i) => i === value) ?? null;
}

export function progress(lines: readonly Pick<DocumentLine, 'status'>[]): { ready: number; total: number } {
  return { ready: lines.filter((l) => l.status === 'ready').length, total: lines.length };
}

/** Catalog order. */
export function inCatalogOrder<T extends { item: DocumentItem }>(lines: readonly T[]): T[] {
  return [...lines].sort((a, b) => documentItems.indexOf(a.item) - documentItems.indexOf(b.item));
}
