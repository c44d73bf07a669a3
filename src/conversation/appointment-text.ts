/**
 * How an appointment reads to the person: when (in their language and zone) and how (by phone, by
 * video, or in person at an office, with its address). Values for locale texts, rendered plain.
 */
import { plainText } from '../i18n/html.js';
import type { Translator } from '../i18n/translator.js';
import type { Slot } from './appointment-ports.js';
import { formatShort, formatWhen, zoneOfCountry } from './local-time.js';

/** Texts the program renders about what is arranged (appointments, travel, follow-up), not a flow's. */
export const PLAN_NS = 'plan';

/** The person's zone: the country they are in, else where the time was given. */
export function personZone(hostCountry: string | null, slot: Pick<Slot, 'timeZone' | 'office'>): string {
  return zoneOfCountry(hostCountry) ?? slot.office?.timeZone ?? slot.timeZone;
}

/** `appointment_when` and `appointment_how` for a text about this time. */
export function appointmentParams(t: Translator, language: string, slot: Slot, zone: string): { appointment_when: string; appointment_how: string } {
  const how = slot.office
    ? t.t(language, `${PLAN_NS}:appointment.how.in_person`, { office: slot.office.name, address: slot.office.address })
    : t.t(language, `${PLAN_NS}:appointment.how.${slot.mode}`);
  return { appointment_when: formatWhen(slot.startsAt, t.locale(language), zone), appointment_how: plainText(how) };
}

/** A button's label for a free time: "Tue, 25 Nov, 10:00 · phone". */
export function slotLabel(t: Translator, language: string, slot: Slot, zone: string): string {
  const when = formatShort(slot.startsAt, t.locale(language), zone);
  const mode = t.label(language, `${PLAN_NS}:appointment.mode.${slot.mode}`);
  return plainText(
    slot.office
      ? t.t(language, `${PLAN_NS}:appointment.slot_label_office`, { when, mode, office: slot.office.name })
      : t.t(language, `${PLAN_NS}:appointment.slot_label`, { when, mode }),
  );
}
