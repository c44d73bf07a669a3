/**
 * What counsellors and coordinators do to a case, whatever tool they use (Slack or the dashboard):
 * claim, change status, close, send a canned reply. Each change lands on the case timeline and the
 * migrant is told in their own language. Implemented by the Slack issue; the dashboard calls it.
 */
import type { CaseStatus, CaseView } from './ports.js';

export interface Actor {
  /** Stable id: `slack:U123` or `user:<uuid>`. */
  id: string;
  /** What the timeline shows (a Slack handle, an email). */
  name: string;
}

export interface CaseWorkflow {
  claim(reference: string, actor: Actor): Promise<CaseView>;
  setStatus(reference: string, status: CaseStatus, actor: Actor, reason?: string): Promise<CaseView>;
  close(reference: string, actor: Actor): Promise<CaseView>;
  /** Sends a canned reply (`templates:<name>`) in the migrant's language; returns the English text. */
  sendTemplate(reference: string, template: string, actor: Actor, params?: Record<string, string>): Promise<string>;
}
