/**
 * Follow-up after return: with the person's separate consent, check-ins after 1, 3, 6 and 12 months
 * of short questions, each skippable; answers are categories only. Stopped by the person at any
 * time, or by two check-ins in a row without an answer. An answer that asks for urgent help opens
 * a case in the protection queue.
 */
export const CHECKIN_MONTHS = [1, 3, 6, 12] as const;

/** The questions, in order, and the answers each takes (besides `skipped`). */
export const followupQuestions = {
  housing: ['ok', 'problem'],
  income: ['ok', 'problem'],
  health: ['ok', 'problem'],
  school: ['ok', 'problem', 'no_children'],
  safety: ['ok', 'problem'],
  help: ['arrived', 'partly', 'not_yet', 'not_offered'],
  urgent: ['yes', 'no'],
} as const satisfies Record<string, readonly string[]>;

export type FollowupQuestion = keyof typeof followupQuestions;
export const questionNames = Object.keys(followupQuestions) as FollowupQuestion[];

/** The answers that count as a problem in the statistics. */
export const PROBLEM_ANSWERS: Readonly<Record<FollowupQuestion, readonly string[]>> = {
  housing: ['problem'],
  income: ['problem'],
  health: ['problem'],
  school: ['problem'],
  safety: ['problem'],
  help: ['not_yet', 'partly'],
  urgent: ['yes'],
};

export type FollowupStatus = 'waiting' | 'active' | 'declined' | 'stopped' | 'stopped_unanswered' | 'completed';
export type CheckinStatus = 'open' | 'answered' | 'unanswered' | 'cancelled';

export interface Followup {
  caseId: string;
  status: FollowupStatus;
  consentAt: Date;
  departedAt: Date | null;
  misses: number;
}

export interface Checkin {
  id: string;
  caseId: string;
  month: number;
  status: CheckinStatus;
  openedAt: Date;
  closesAt: Date;
  answeredAt: Date | null;
  answers: Record<string, string>;
  urgent: boolean;
}

export function parseQuestion(value: unknown): FollowupQuestion | null {
  return questionNames.find((q) => q === value) ?? null;
}

/** A valid answer to `question`, `skipped`, or null. */
export function parseAnswerTo(question: FollowupQuestion, value: unknown): string | null {
  if (value === 'skip' || value === 'skipped') return 'skipped';
  return typeof value === 'string' && (followupQuestions[question] as readonly string[]).includes(value) ? value : null;
}

/** The follow-up inside the transaction that holds a person's contact. */
export interface FollowupTx {
  get(caseId: string): Promise<Followup | null>;
  /** Records the person's answer to the question before departure (yes: waiting; no: declined). */
  consent(caseId: string, yes: boolean): Promise<void>;
  /** Departed: a waiting follow-up becomes active, counted from `departedAt`. */
  activate(caseId: string, departedAt: Date): Promise<Followup | null>;
  /** Opens (or finds) the check-in of a month, open until `closesAt`. */
  open(caseId: string, month: number, closesAt: Date): Promise<Checkin>;
  /** The person's active follow-up with the check-in waiting for answers (open, or begun and not finished while it lasts), if any. */
  current(): Promise<{ followup: Followup; checkin: Checkin | null } | null>;
  /** Records one answer on an open check-in (the first makes it answered and resets the misses). */
  answer(checkinId: string, question: FollowupQuestion, value: string, urgent: boolean): Promise<void>;
  /**
   * The check-in's time is over: unanswered when it got no answer (a miss); returns the misses in a
   * row after it, or null when it was not open.
   */
  close(caseId: string, month: number): Promise<number | null>;
  /** Stops the follow-up; an open check-in without answers is cancelled. */
  stop(caseId: string, status: Extract<FollowupStatus, 'stopped' | 'stopped_unanswered' | 'completed'>): Promise<void>;
  /** Erasure: every follow-up of the person stops. */
  stopAll(): Promise<string[]>;
}

/** One row of the statistics: a return country and a check-in month, counts only. */
export interface FollowupStatsRow {
  country: string | null;
  month: number;
  sent: number;
  answered: number;
  /** Per question: how many answered it (not skipped), and how many reported a problem. */
  questions: Record<FollowupQuestion, { answered: number; problems: number }>;
}

export interface FollowupStore {
  ofCase(caseId: string): Promise<{ followup: Followup | null; checkins: Checkin[] }>;
  /** Aggregated, no names: by return country and months since return. */
  stats(): Promise<FollowupStatsRow[]>;
}
