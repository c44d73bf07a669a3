/** What the case page shows of what is arranged for a case, read once per page. */
import { documentItems, progress } from '../conversation/documents.js';
import { appointmentDecisions } from './appointment-decisions.js';
import type { Core } from './core.js';
import type { Arranged } from './views/case/arranged.js';

export async function arrangedFor(core: Core, caseId: string, reference: string): Promise<Arranged> {
  const { stores } = core.deps.after;
  const [appointments, documents] = await Promise.all([stores.appointments.ofCase(caseId), stores.documents.ofCase(caseId)]);
  const label = (item: string) => core.deps.translator.label('en', `plan:documents.item.${item}.name`);
  return {
    appointments: appointmentDecisions(appointments, core.now()),
    documents: {
      reference,
      ...progress(documents),
      rows: documentItems.map((item) => ({ item, label: label(item), status: documents.find((d) => d.item === item)?.status ?? 'none' })),
    },
  };
}
