/**
 * `/avrr slots`: the times of the next days, `slots add <date> <time> <way> <languages>
 * [minutes=…] [office="…"] [zone=…]` to publish one, `slots remove <id>` to withdraw a free one.
 * Dates and times are the wall clock where the time happens (the office's zone for in person).
 */
import { AppointmentError, type AppointmentWorkflow } from '../../conversation/appointment-workflow.js';
import type { Office, SlotLine } from '../../conversation/appointment-ports.js';
import { DEFAULT_TIME_ZONE, localDate } from '../../conversation/local-time.js';
import type { Staff } from '../../conversation/case-model.js';
import { slackDate } from './card.js';
import type { SlackText } from './mrkdwn.js';

export interface SlotsDeps {
  appointments: AppointmentWorkflow;
  offices: () => Promise<Office[]>;
  /** The language tags people can book in. */
  languages: readonly string[];
  clock: () => Date;
}

/** How many days `/avrr slots` lists. */
const DAYS = 7;
const DAY = 86_400_000;
/** The short id a counsellor types to remove a time: the first characters of its uuid. */
const shortId = (id: string): string => id.slice(0, 8);

export function createSlotsCommand(deps: SlotsDeps, t: SlackText) {
  const officeNames = async () => (await deps.offices()).filter((o) => o.active).map((o) => o.name).join(', ') || '—';

  async function upcoming(): Promise<SlotLine[]> {
    const now = deps.clock();
    const lines: SlotLine[] = [];
    // Day by day in the service's zone: the workflow knows how long each local day is.
    for (let i = 0; i < DAYS; i++) lines.push(...(await deps.appointments.day(localDate(new Date(now.getTime() + i * DAY), DEFAULT_TIME_ZONE), DEFAULT_TIME_ZONE)));
    return lines.filter((s) => s.startsAt > now);
  }

  function describe(slot: SlotLine | Omit<SlotLine, 'booking'>): Record<string, string> {
    return {
      id: shortId(slot.id),
      mode: t.plain(`slack:appointment_mode.${slot.mode}`),
      office: slot.office ? t.plain('slack:slots.office', { name: slot.office.name }) : '',
      languages: slot.languages.join(', '),
      counsellor: slot.counsellorName,
    };
  }

  async function list(): Promise<string> {
    const slots = await upcoming();
    if (slots.length === 0) return t.md('slack:slots.none', { days: DAYS });
    const lines = slots.map((s) =>
      s.booking
        ? t.md('slack:slots.line_booked', { ...describe(s), reference: s.booking.reference }, { time: slackDate(s.startsAt) })
        : t.md('slack:slots.line_free', describe(s), { time: slackDate(s.startsAt) }),
    );
    return [t.md('slack:slots.title', { days: DAYS }), ...lines].join('\n');
  }

  async function errorText(error: AppointmentError): Promise<string> {
    return t.md(`slack:slots.error.${error.code}`, { offices: await officeNames(), languages: deps.languages.join(', ') });
  }

  async function add(args: string[], values: Record<string, string>, user: Staff): Promise<string> {
    const [date, time, mode, languages] = args;
    if (!date || !time || !mode || !languages) return t.md('slack:slots.usage');
    const officeName = values['office']?.trim().toLowerCase();
    const office = officeName ? (await deps.offices()).find((o) => o.active && o.name.toLowerCase() === officeName) : undefined;
    if (officeName && !office) return errorText(new AppointmentError('office_unknown'));
    const minutes = values['minutes'] === undefined ? 45 : Number(values['minutes']);
    try {
      const slot = await deps.appointments.publish(user, {
        date,
        time,
        minutes,
        mode,
        officeId: office?.id ?? null,
        languages: languages.split(',').map((l) => l.trim()).filter(Boolean),
        timeZone: values['zone'] ?? DEFAULT_TIME_ZONE,
      });
      return t.md('slack:slots.added', describe(slot), { time: slackDate(slot.startsAt) });
    } catch (error) {
      if (error instanceof AppointmentError) return errorText(error);
      throw error;
    }
  }

  async function remove(id: string | undefined, user: Staff): Promise<string> {
    if (!id) return t.md('slack:slots.usage');
    const slot = (await upcoming()).find((s) => shortId(s.id) === id.toLowerCase() || s.id === id.toLowerCase());
    if (!slot) return t.md('slack:slots.not_found', { id });
    try {
      await deps.appointments.withdraw(user, slot.id);
      return t.md('slack:slots.removed', { id: shortId(slot.id) });
    } catch (error) {
      if (error instanceof AppointmentError) return errorText(error);
      throw error;
    }
  }

  return async function slots(args: string[], values: Record<string, string>, user: Staff): Promise<string> {
    const [verb, ...rest] = args;
    switch ((verb ?? '').toLowerCase()) {
      case '':
        return list();
      case 'add':
        return add(rest, values, user);
      case 'remove':
        return remove(rest[0], user);
      default:
        return t.md('slack:slots.usage');
    }
  };
}
