import type { AfterStores } from '../conversation/after-ports.js';
import type { AppointmentWorkflow } from '../conversation/appointment-workflow.js';
import type { CaseWorkflow } from '../conversation/case-workflow.js';
import type { DocumentsWorkflow } from '../conversation/documents-workflow.js';
import type { TravelWorkflow } from '../conversation/travel-workflow.js';
import type { Env } from '../env.js';
import type { Content } from '../flow/content.js';
import type { Translator } from '../i18n/translator.js';
import type { Logger } from '../log.js';
import type { DashboardStores, SessionInfo } from './ports.js';

export interface DashboardDeps {
  env: Env;
  content: Content;
  translator: Translator;
  stores: DashboardStores;
  /** The case workflow Slack shares (read at call time: it may be built after the dashboard). */
  workflow: () => CaseWorkflow | undefined;
  /** What is arranged after an application: appointments, documents, travel, follow-up. */
  after: { stores: AfterStores; appointments: AppointmentWorkflow; documents: DocumentsWorkflow; travel: TravelWorkflow };
  log: Logger;
  clock?: () => Date;
}

/** Hono variables of a signed-in request. */
export interface DashEnv {
  Variables: { session: SessionInfo };
}
