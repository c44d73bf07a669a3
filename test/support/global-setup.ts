/**
 * Vitest global setup: migrates once per run into a template that every test file copies
 * (see db.ts). Config: `test: { globalSetup: ['test/support/global-setup.ts'] }`.
 */
import { randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import {
  dropPostgresLeftovers,
  ensurePgliteTemplate,
  ensurePostgresTemplate,
  removeStalePgliteTemplates,
} from './db.js';

const run = randomBytes(3).toString('hex');

export default async function setup(project: TestProject): Promise<void> {
  project.provide('avrrTestRun', run);
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    await ensurePostgresTemplate(url);
  } else {
    await ensurePgliteTemplate();
    await removeStalePgliteTemplates();
  }
}

export async function teardown(): Promise<void> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) await dropPostgresLeftovers(url, run);
}
