/** Travel plans on drizzle; the meeting point and escort are encrypted. */
import { and, eq } from 'drizzle-orm';
import { bringItems, parseProblem, type NewTravelPlan, type TravelPlan, type TravelStore, type TravelTx } from '../conversation/travel.js';
import { isUuid } from './appointment-rows.js';
import type { Db } from './client.js';
import type { Cipher } from './crypto.js';
import { openJson, sealJson, type Tx } from './rows.js';
import { sealContext } from './sealed.js';
import { cases, travelPlans, type TravelPlanRow } from './schema.js';

interface Details {
  meetingPoint: string;
  escort: string;
}

async function toPlan(row: TravelPlanRow, cipher: Cipher): Promise<TravelPlan> {
  const details = await openJson<Details>(cipher, row.detailsEnc, sealContext('travel_plans.details_enc', row.caseId));
  return {
    caseId: row.caseId,
    departsAt: row.departsAt,
    timeZone: row.timeZone,
    meetingPoint: details.meetingPoint,
    escort: details.escort,
    bring: bringItems.filter((i) => row.bring.includes(i)),
    confirmedAt: row.confirmedAt,
    problem: parseProblem(row.problem),
    problemAt: row.problemAt,
    enteredBy: row.enteredBy,
    updatedAt: row.updatedAt,
  };
}

export function createTravelTx(tx: Tx, cipher: Cipher, contactId: string, now: Date): TravelTx {
  async function owned(caseId: string): Promise<void> {
    const [row] = isUuid(caseId) ? await tx.select({ id: cases.id }).from(cases).where(and(eq(cases.id, caseId), eq(cases.contactId, contactId))) : [];
    if (!row) throw new Error(`travel: case ${caseId} is not a case of contact ${contactId}`);
  }
  return {
    async get(caseId) {
      await owned(caseId);
      const [row] = await tx.select().from(travelPlans).where(eq(travelPlans.caseId, caseId));
      return row ? toPlan(row, cipher) : null;
    },
    async save(caseId, plan: NewTravelPlan, by) {
      await owned(caseId);
      const values = {
        departsAt: plan.departsAt,
        timeZone: plan.timeZone,
        detailsEnc: await sealJson(cipher, { meetingPoint: plan.meetingPoint, escort: plan.escort } satisfies Details, sealContext('travel_plans.details_enc', caseId)),
        bring: [...plan.bring],
        confirmedAt: null,
        problem: null,
        problemAt: null,
        enteredBy: by,
        updatedAt: now,
      };
      const [row] = await tx
        .insert(travelPlans)
        .values({ caseId, ...values, createdAt: now })
        .onConflictDoUpdate({ target: travelPlans.caseId, set: values })
        .returning();
      if (!row) throw new Error('travel: save returned nothing');
      return toPlan(row, cipher);
    },
    async confirm(caseId) {
      await owned(caseId);
      await tx.update(travelPlans).set({ confirmedAt: now, problem: null, problemAt: null, updatedAt: now }).where(eq(travelPlans.caseId, caseId));
    },
    async problem(caseId, problem) {
      await owned(caseId);
      await tx.update(travelPlans).set({ problem, problemAt: now, confirmedAt: null, updatedAt: now }).where(eq(travelPlans.caseId, caseId));
    },
  };
}

export function createTravelStore(db: Db, cipher: Cipher): TravelStore {
  return {
    async ofCase(caseId) {
      if (!isUuid(caseId)) return null;
      const [row] = await db.select().from(travelPlans).where(eq(travelPlans.caseId, caseId));
      return row ? toPlan(row, cipher) : null;
    },
  };
}
