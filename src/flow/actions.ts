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
    'destination_status',
    'destination_reason',
    'destination_checked',
  ],
  withdraw_case: ['withdrawn', 'case_reference'],
  show_services: ['services_found', 'services_list'],
  set_phone_safety: ['phone_reach'],
  clear_chat: [],
  show_numbers: ['numbers_list'],
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
  screen: { allowed: ['final', 'unanswered'], required: [] },
  withdraw_case: { allowed: [], required: [] },
  show_services: { allowed: ['country', 'place', 'audience'], required: ['country'] },
  show_numbers: { allowed: ['country', 'kinds'], required: [] },
  set_phone_safety: { allowed: ['mode'], required: ['mode'] },
  clear_chat: { allowed: [], required: [] },
};
