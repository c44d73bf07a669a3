/** The stores of the work after an application, on one open database. */
import type { AfterStores } from '../conversation/after-ports.js';
import { createAppointmentStore } from './appointment-store.js';
import type { Db } from './client.js';
import { createDocumentStore } from './documents.js';
import { createJobStore } from './jobs-store.js';

export function createAfterStores(db: Db): AfterStores {
  return { jobs: createJobStore(db), appointments: createAppointmentStore(db), documents: createDocumentStore(db) };
}
