import type { ActionName } from './schema.js';

/**
 * The variables each registered action sets when it completes (its effect result). The graph
 * check uses this to know what is defined after an action node.
 */
export const actionOutputs: Readonly<Record<ActionName, readonly string[]>> = {
  create_case: ['case_reference'],
  handoff: ['case_reference'],
  set_language: [],
  show_status: ['has_case', 'case_reference', 'case_status'],
  show_my_data: ['my_data'],
  erase_data: [],
  record_consent: [],
  screen: [
    'screening_stop',
    'screening_outcome',
    'screening_urgent',
    'screening_rules',
    'screening_route',
    'screening_version',
  ],
  withdraw_case: ['withdrawn', 'case_reference'],
  show_services: ['services_found', 'services_list'],
  show_appointment: ['has_case', 'has_appointment', 'appointment_when', 'appointment_how'],
  list_slots: ['slots_found', 'slots_offered', 'slot_1', 'slot_2', 'slot_3', 'slot_4', 'slot_5', 'slot_6'],
  book_slot: ['booked', 'moved', 'appointment_when', 'appointment_how'],
  cancel_appointment: ['cancelled'],
  show_plan: ['has_plan', 'plan_summary'],
  show_documents: ['has_case', 'has_documents', 'documents_ready', 'documents_total', 'documents_list'],
  show_travel: ['has_case', 'has_travel', 'travel_when', 'travel_where', 'travel_bring', 'travel_escort', 'followup_asked'],
  travel_answer: ['answered'],
  followup_consent: [],
  followup_open: ['fu_active', 'fu_open', 'fu_month'],
  followup_answer: ['fu_urgent'],
  followup_stop: [],
};

/** Parameters each action accepts (optional unless listed in `required`). */
export const actionParams: Readonly<Record<ActionName, { allowed: readonly string[]; required: readonly string[] }>> = {
  create_case: { allowed: ['kind', 'queue', 'urgent'], required: ['kind'] },
  handoff: { allowed: ['reason', 'urgent'], required: [] },
  set_language: { allowed: ['language'], required: ['language'] },
  show_status: { allowed: [], required: [] },
  show_my_data: { allowed: [], required: [] },
  erase_data: { allowed: [], required: [] },
  record_consent: { allowed: ['notice', 'sensitive'], required: ['notice'] },
  screen: { allowed: ['final'], required: [] },
  withdraw_case: { allowed: [], required: [] },
  show_services: { allowed: ['country', 'place'], required: ['country'] },
  show_appointment: { allowed: [], required: [] },
  list_slots: { allowed: [], required: [] },
  book_slot: { allowed: ['choice'], required: ['choice'] },
  cancel_appointment: { allowed: [], required: [] },
  show_plan: { allowed: [], required: [] },
  show_documents: { allowed: [], required: [] },
  show_travel: { allowed: [], required: [] },
  travel_answer: { allowed: ['answer', 'problem'], required: ['answer'] },
  followup_consent: { allowed: ['consent'], required: ['consent'] },
  followup_open: { allowed: [], required: [] },
  followup_answer: { allowed: ['question', 'value'], required: ['question', 'value'] },
  followup_stop: { allowed: [], required: [] },
};
