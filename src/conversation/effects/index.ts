import { bookSlot, cancelAppointment, listSlots, showAppointment } from './appointments.js';
import { createCase, handoff } from './cases.js';
import { showDocuments } from './documents.js';
import { followupAnswer, followupConsent, followupOpen, followupStop } from './followup.js';
import { showPlan } from './plan.js';
import { showTravel, travelAnswer } from './travel.js';
import { clearChat, eraseData, recordConsent, showMyData, showStatus } from './personal-data.js';
import { showServices, withdrawCase } from './returns.js';
import { setPhoneSafety } from './phone-safety.js';
import { showNumbers } from './numbers.js';
import { screen } from './screening.js';
import type { EffectHandlers } from './types.js';

export const effectHandlers: EffectHandlers = {
  create_case: createCase,
  handoff,
  record_consent: recordConsent,
  show_status: showStatus,
  show_my_data: showMyData,
  erase_data: eraseData,
  screen,
  withdraw_case: withdrawCase,
  show_services: showServices,
  set_phone_safety: setPhoneSafety,
  clear_chat: clearChat,
  show_numbers: showNumbers,
  show_appointment: showAppointment,
  list_slots: listSlots,
  book_slot: bookSlot,
  cancel_appointment: cancelAppointment,
  show_plan: showPlan,
  show_documents: showDocuments,
  show_travel: showTravel,
  travel_answer: travelAnswer,
  followup_consent: followupConsent,
  followup_open: followupOpen,
  followup_answer: followupAnswer,
  followup_stop: followupStop,
};
export type { EffectContext, EffectHandler, EffectHandlers, EffectOutcome } from './types.js';
