/** A believable spread of cases for the screenshots: weeks of intake across queues and languages. */
import type { CaseQueue, CaseStatus } from '../../src/conversation/ports.js';
import type { TestApp } from '../support/app.js';
import { changeCase } from '../support/cases.js';
import { seedCase } from '../dashboard/harness.js';

interface Demo {
  hoursAgo: number;
  queue: CaseQueue;
  outcome: string | null;
  rules: string[];
  language: string;
  nationality: string;
  urgent?: boolean;
  claimedAfterHours?: number;
  status?: CaseStatus;
  name: string;
}

const DEMO: Demo[] = [
  { hoursAgo: 1, queue: 'protection', outcome: 'REFER_PROTECTION', rules: ['R1'], language: 'ar', nationality: 'SY', urgent: true, name: 'سامي الأحمد' },
  { hoursAgo: 3, queue: 'protection', outcome: 'REFER_PROTECTION', rules: ['R3'], language: 'en', nationality: 'AF', name: 'Farid Noori' },
  { hoursAgo: 20, queue: 'avrr', outcome: 'COUNSELLOR_REVIEW', rules: ['R14', 'R15'], language: 'bs', nationality: 'PK', name: 'Imran Khan' },
  { hoursAgo: 30, queue: 'avrr', outcome: 'LIKELY_ELIGIBLE', rules: [], language: 'en', nationality: 'MA', name: 'Youssef Amrani' },
  { hoursAgo: 55, queue: 'avrr', outcome: 'COUNSELLOR_REVIEW', rules: ['R9'], language: 'ar', nationality: 'IQ', name: 'Ali Hassan' },
  { hoursAgo: 60, queue: 'avrr', outcome: 'LIKELY_ELIGIBLE', rules: [], language: 'en', nationality: 'BD', claimedAfterHours: 5, status: 'in_review', name: 'Rahim Uddin' },
  { hoursAgo: 80, queue: 'avrr', outcome: 'COUNSELLOR_REVIEW', rules: ['R16'], language: 'ar', nationality: 'SY', claimedAfterHours: 20, status: 'documents_requested', name: 'Huda Saleh' },
  { hoursAgo: 200, queue: 'avrr', outcome: 'LIKELY_ELIGIBLE', rules: [], language: 'en', nationality: 'AF', claimedAfterHours: 8, status: 'approved', name: 'Karim Haidari' },
  { hoursAgo: 260, queue: 'protection', outcome: 'REFER_PROTECTION', rules: ['R4'], language: 'en', nationality: 'AF', claimedAfterHours: 1, status: 'referred', name: 'Omid Rahimi' },
  { hoursAgo: 300, queue: 'avrr', outcome: 'COUNSELLOR_REVIEW', rules: ['R12'], language: 'bs', nationality: 'TR', claimedAfterHours: 30, status: 'travel_booked', name: 'Mehmet Yilmaz' },
  { hoursAgo: 420, queue: 'avrr', outcome: 'LIKELY_ELIGIBLE', rules: [], language: 'en', nationality: 'PK', claimedAfterHours: 12, status: 'departed', name: 'Bilal Ahmed' },
  { hoursAgo: 500, queue: 'avrr', outcome: 'COUNSELLOR_REVIEW', rules: ['R10'], language: 'ar', nationality: 'MA', claimedAfterHours: 40, status: 'withdrawn', name: 'Said Benali' },
  { hoursAgo: 640, queue: 'avrr', outcome: 'LIKELY_ELIGIBLE', rules: [], language: 'en', nationality: 'IN', claimedAfterHours: 6, status: 'departed', name: 'Arjun Singh' },
  { hoursAgo: 700, queue: 'protection', outcome: 'REFER_PROTECTION', rules: ['R2'], language: 'en', nationality: 'NG', claimedAfterHours: 2, status: 'referred', name: 'Chinedu Okafor' },
  { hoursAgo: 900, queue: 'avrr', outcome: 'COUNSELLOR_REVIEW', rules: ['R14'], language: 'ar', nationality: 'EG', claimedAfterHours: 26, status: 'departed', name: 'Mahmoud Fathy' },
  { hoursAgo: 1100, queue: 'avrr', outcome: 'LIKELY_ELIGIBLE', rules: [], language: 'bs', nationality: 'TR', claimedAfterHours: 9, status: 'closed', name: 'Emre Demir' },
];

export async function seedDemo(t: Pick<TestApp, 'stores' | 'storesAt'>, now: Date): Promise<void> {
  for (const d of DEMO) {
    const createdAt = new Date(now.getTime() - d.hoursAgo * 3_600_000);
    const created = await seedCase(t, {
      createdAt,
      kind: d.queue === 'protection' ? 'protection' : 'application',
      queue: d.queue,
      outcome: d.outcome,
      rules: d.rules,
      urgent: d.urgent ?? false,
      language: d.language,
      nationality: d.nationality,
      returnCountry: d.nationality,
      personal: { full_name: d.name },
    });
    if (d.claimedAfterHours !== undefined) {
      await changeCase(t, created.id, { assignee: 'slack:U0DEMO' }, new Date(createdAt.getTime() + d.claimedAfterHours * 3_600_000), 'slack:U0DEMO');
    }
    if (d.status) await changeCase(t, created.id, { status: d.status }, now, 'slack:U0DEMO');
  }
}
