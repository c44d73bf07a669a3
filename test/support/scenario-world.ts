/**
 * The world around the person in a scenario (see scenarios.ts): what exists before they write
 * (`given`), what a counsellor does (`staff`), and time passing (`clock`, which runs the scheduler).
 * The same steps run on every driver, through the app's own workflows.
 *
 * - `given: application [<status>] [host=BA]`: the person has consented, writes in the scenario's
 *   language, and has an application in that status (default approved), in that host country.
 * - `staff: office "<name>" "<address>"`: a coordinator adds an office.
 * - `staff: slot <YYYY-MM-DD> <HH:MM> <phone|video|in_person> <languages> [office="<name>"] [minutes=45]`:
 *   a counsellor publishes a time (wall clock of Europe/Sarajevo, or of the office).
 * - `staff: status <status>`: a counsellor changes the case's status (the person is told).
 * - `staff: documents <item>=<needed|ready> ...`: the counsellor saves the documents checklist.
 * - `staff: travel <YYYY-MM-DD> <HH:MM> "<meeting point>" [escort="<name>"] [bring=<item>,<item>]`:
 *   the counsellor enters the travel (Europe/Sarajevo).
 * - `staff: departed`: after the departure time, the counsellor confirms that the person left.
 * - `clock: <ISO time>` or `clock: +<n>d<n>h<n>m`: the clock moves there and the scheduler runs.
 */
import { sql } from 'drizzle-orm';
import type { Staff } from '../../src/conversation/case-model.js';
import type { Db } from '../../src/db/index.js';
import { parseStatus } from '../../src/conversation/case-model.js';
import { tokenize } from '../../src/channels/slack/commands.js';
import type { CaseRecord } from '../../src/conversation/ports.js';
import { DEFAULT_TIME_ZONE } from '../../src/conversation/local-time.js';
import { parseDocumentItem } from '../../src/conversation/documents.js';
import type { TestApp } from './app.js';
import type { Driver, World, WorldStep } from './scenarios.js';
import { newApplication } from './new-case.js';

/** The counsellor who acts in scenarios (a coordinator: may do anything to any case). */
export const SCENARIO_STAFF: Staff = { id: 'user:scenario', name: 'counsellor@example.org', role: 'coordinator', protection: true, actorIds: ['user:scenario'] };

/**
 * The scenarios of a file share a database: what earlier ones arranged (times, jobs) is removed, so
 * each sees only its own.
 */
export async function clearArranged(db: Db): Promise<void> {
  for (const table of ['scheduled_jobs', 'appointments', 'appointment_slots', 'offices', 'case_documents', 'travel_plans', 'followup_checkins', 'followups']) await db.execute(sql.raw(`delete from ${table}`));
}

/** A clock the scenario moves. */
export class ScenarioClock {
  constructor(public now: Date) {}
  readonly read = (): Date => this.now;
}

function moved(from: Date, spec: string): Date {
  const relative = /^\+(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?$/.exec(spec.trim());
  if (relative && spec.trim() !== '+') {
    const [d = 0, h = 0, m = 0] = [relative[1], relative[2], relative[3]].map((x) => Number(x ?? 0));
    return new Date(from.getTime() + ((d * 24 + h) * 60 + m) * 60_000);
  }
  const at = new Date(spec);
  if (Number.isNaN(at.getTime())) throw new Error(`clock: cannot read "${spec}"`);
  return at;
}

export interface ScenarioWorld extends World {
  /** The person's application, once `given`. */
  application(): CaseRecord;
}

export function scenarioWorld(app: TestApp, clock: ScenarioClock, language: string): ScenarioWorld {
  let application: CaseRecord | null = null;

  async function given(spec: string, driver: Driver): Promise<void> {
    const { words, values } = tokenize(spec);
    if (words[0] !== 'application') throw new Error(`given: unknown "${spec}"`);
    const status = parseStatus(words[1] ?? 'approved');
    if (!status) throw new Error(`given: unknown status "${words[1]}"`);
    const contact = await driver.contact();
    application = await app.stores.conversations.withContact(contact, async (tx) => {
      await tx.setLanguage(language);
      await tx.setConsent({ notice: 'scenario', at: tx.now.toISOString(), purposes: ['counselling', 'statistics'], sensitive: false });
      const created = await tx.createCase(newApplication({ language, hostCountry: values['host'] ?? 'BA' }));
      await tx.addCaseEvent(created.id, { kind: 'created', actor: 'migrant', data: { channel: contact.channel } });
      if (status === 'submitted') return created;
      // Seeded as it stands after earlier work: nobody is told anything now.
      const changed = await tx.updateCase(created.id, created.version, { status, assignee: SCENARIO_STAFF.id }, { kind: 'status_changed', actor: SCENARIO_STAFF.id, data: { from: 'submitted', to: status } });
      if (!changed) throw new Error('given: the case changed under its lock');
      return changed;
    });
  }

  async function staff(spec: string): Promise<void> {
    const { words, values } = tokenize(spec);
    const [verb, ...args] = words;
    const reference = () => {
      if (!application) throw new Error(`staff: "${spec}" needs a "given: application" first`);
      return application.reference;
    };
    switch (verb) {
      case 'office': {
        const [name, address] = args;
        if (!name || !address) throw new Error(`staff: office needs a name and an address: "${spec}"`);
        await app.stores.after.appointments.saveOffice(null, { name, address, country: 'BA', timeZone: DEFAULT_TIME_ZONE, active: true }, SCENARIO_STAFF.name, clock.now);
        return;
      }
      case 'slot': {
        const [date, time, mode, languages] = args;
        if (!date || !time || !mode || !languages) throw new Error(`staff: slot needs a date, a time, a way and languages: "${spec}"`);
        const office = values['office'] ? (await app.stores.after.appointments.offices()).find((o) => o.name === values['office']) : undefined;
        await app.appointments.publish(SCENARIO_STAFF, {
          date,
          time,
          minutes: Number(values['minutes'] ?? 45),
          mode,
          officeId: office?.id ?? null,
          languages: languages.split(','),
          timeZone: DEFAULT_TIME_ZONE,
        });
        return;
      }
      case 'status': {
        const status = parseStatus(args[0] ?? '');
        if (!status) throw new Error(`staff: unknown status in "${spec}"`);
        await app.workflow.setStatus(reference(), status, SCENARIO_STAFF);
        return;
      }
      case 'documents': {
        const items = Object.entries(values).flatMap(([item, status]) => {
          const known = parseDocumentItem(item);
          if (!known || (status !== 'needed' && status !== 'ready')) throw new Error(`staff: documents: "${item}=${status}"`);
          return [{ item: known, status }] as const;
        });
        await app.documents.save(reference(), items, SCENARIO_STAFF);
        return;
      }
      case 'travel': {
        const [date, time, meetingPoint] = args;
        if (!date || !time || !meetingPoint) throw new Error(`staff: travel needs a date, a time and a meeting point: "${spec}"`);
        await app.travel.plan(reference(), { date, time, timeZone: DEFAULT_TIME_ZONE, meetingPoint, escort: values['escort'] ?? '', bring: (values['bring'] ?? '').split(',').filter(Boolean) }, SCENARIO_STAFF);
        return;
      }
      case 'departed':
        await app.travel.confirmDeparture(reference(), SCENARIO_STAFF);
        return;
      default:
        throw new Error(`staff: unknown "${spec}"`);
    }
  }

  return {
    application() {
      if (!application) throw new Error('no application given');
      return application;
    },
    async step(step: WorldStep, driver: Driver) {
      if ('given' in step) await given(step.given, driver);
      else if ('staff' in step) await staff(step.staff);
      else {
        clock.now = moved(clock.now, step.clock);
        await app.scheduler.run();
      }
    },
  };
}
