/** The stores of the work after an application, on one open database. */
import type { AfterStores } from '../conversation/after-ports.js';
import { createAppointmentStore } from './appointment-store.js';
import type { Db } from './client.js';
import type { Cipher } from './crypto.js';
import { createFollowupStore } from './followup.js';
import { createTravelStore } from './travel.js';
import { createDocumentStore } from './documents.js';
import { createJobStore } from './jobs-store.js';

export function createAfterStores(db: Db, cipher: Cipher): AfterStores {
  return { jobs: createJobStore(db), appointments: createAppointmentStore(db), documents: createDocumentStore(db), travel: createTravelStore(db, cipher), followup: createFollowupStore(db) };
}
