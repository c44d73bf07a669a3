/**
 * The ports of the work after an application: scheduled jobs, appointments, documents, travel and
 * follow-up. `AfterApplicationTx` is what it does inside the transaction that holds a person's
 * contact (part of ContactTx, so a reminder, a booking or an answer commits with the message that
 * tells the person about it); `AfterStores` is what staff tools and runners read and write outside.
 */
import type { AppointmentStore, AppointmentsTx } from './appointment-ports.js';
import type { DocumentStore, DocumentsTx } from './documents.js';
import type { FollowupStore, FollowupTx } from './followup.js';
import type { JobStore, JobsTx } from './scheduler-ports.js';
import type { TravelStore, TravelTx } from './travel.js';

export interface AfterApplicationTx {
  readonly jobs: JobsTx;
  readonly appointments: AppointmentsTx;
  readonly documents: DocumentsTx;
  readonly travel: TravelTx;
  readonly followup: FollowupTx;
}

export interface AfterStores {
  jobs: JobStore;
  appointments: AppointmentStore;
  documents: DocumentStore;
  travel: TravelStore;
  followup: FollowupStore;
}
