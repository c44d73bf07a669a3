/**
 * Appointments (counsellors and up): the day's times and bookings, adding and withdrawing times,
 * recording whether the person came, cancelling a booking, the `.ics` of an appointment, and the
 * offices list (coordinators). Changes go through the appointment workflow, which applies the case
 * model; every change is audit-logged.
 */
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { appointmentModes } from '../../conversation/appointment-ports.js';
import { AppointmentError } from '../../conversation/appointment-workflow.js';
import { DEFAULT_TIME_ZONE, isTimeZone, localDate, timeZoneChoices } from '../../conversation/local-time.js';
import { slotDecisions } from '../appointment-decisions.js';
import type { Core } from '../core.js';
import { flashOf } from '../flash.js';
import { requireRole } from '../guards.js';
import { appointmentIcs } from '../ics.js';
import type { Labels } from '../labels.js';
import { publicBase } from '../links.js';
import { href } from '../paths.js';
import { atLeast, canOpenCase, staffOf } from '../roles.js';
import type { DashEnv } from '../types.js';
import { AppointmentsPage } from '../views/appointments.js';

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const DAY = 86_400_000;

const day = z.string().regex(DAY_PATTERN);
const slotForm = z.object({
  date: day,
  time: z.string().regex(/^\d{1,2}:\d{2}$/),
  minutes: z.coerce.number().int(),
  mode: z.enum(appointmentModes),
  office: z.union([z.literal(''), z.uuid()]).default(''),
  zone: z.string().max(60).default(DEFAULT_TIME_ZONE),
  languages: z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v : [v])),
});
const backForm = z.object({ back: z.union([day, z.literal('case')]).default('case') });
const attendanceForm = backForm.extend({ attended: z.enum(['yes', 'no']) });
const officeForm = z.object({
  id: z.union([z.literal(''), z.uuid()]).default(''),
  name: z.string().trim().min(1).max(120),
  address: z.string().trim().min(1).max(300),
  country: z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/),
  zone: z.string().trim().max(60).refine(isTimeZone),
  active: z.literal('1').optional(),
});

/** The workflows' refusals become a flash message (`error=appointment_<code>`, `error=workflow_<code>`). */
function refusalCode(error: unknown): string | null {
  if (error instanceof AppointmentError) return `appointment_${error.code}`;
  if (error instanceof Error && error.name === 'CaseWorkflowError' && 'code' in error && typeof error.code === 'string') return `workflow_${error.code}`;
  return null;
}

export function registerAppointments(app: Hono<DashEnv>, core: Core, labels: Labels): void {
  const { appointments, stores } = core.deps.after;
  const { content } = core.deps;
  const page = (d: string, flash: string, anchor = '') => `${href('/appointments')}?day=${d}${flash ? `&${flash}` : ''}${anchor}`;
  const today = () => localDate(core.now(), DEFAULT_TIME_ZONE);

  app.get('/appointments', async (c) => {
    const session = c.get('session');
    const query = c.req.query();
    const shown = day.safeParse(query['day']).success ? (query['day'] ?? today()) : today();
    let slots;
    try {
      slots = await appointments.day(shown, DEFAULT_TIME_ZONE);
    } catch (error) {
      if (!(error instanceof AppointmentError)) throw error;
      return c.redirect(href('/appointments'), 303);
    }
    const noon = new Date(`${shown}T12:00:00Z`).getTime();
    return core.page(c, session, {
      title: core.t('appointments.title'),
      section: 'appointments',
      flash: flashOf(core, query),
      body: (
        <AppointmentsPage
          v={core.view(c, session)}
          labels={labels}
          day={shown}
          previous={new Date(noon - DAY).toISOString().slice(0, 10)}
          next={new Date(noon + DAY).toISOString().slice(0, 10)}
          zone={DEFAULT_TIME_ZONE}
          zones={timeZoneChoices().slice(0, 12)}
          lines={slotDecisions(session.user, slots, core.now())}
          offices={await stores.appointments.offices()}
          languages={content.languages.map((l) => ({ tag: l.tag, english: l.english }))}
          modes={appointmentModes}
          canKeepOffices={atLeast(session.user, 'coordinator')}
        />
      ),
    });
  });

  app.post('/appointments', async (c) => {
    const session = c.get('session');
    const form = slotForm.safeParse(await c.req.parseBody({ all: true }));
    if (!form.success) return c.redirect(page(today(), 'error=bad_form', '#add'), 303);
    const f = form.data;
    try {
      const slot = await appointments.publish(staffOf(session.user), {
        date: f.date,
        time: f.time,
        minutes: f.minutes,
        mode: f.mode,
        officeId: f.office === '' ? null : f.office,
        languages: f.languages,
        timeZone: f.zone,
      });
      await core.audit(session, 'appointment.slot_add', `slot:${slot.id}`, { starts_at: slot.startsAt.toISOString(), mode: slot.mode });
      return c.redirect(page(f.date, 'done=slot_added'), 303);
    } catch (error) {
      const code = refusalCode(error);
      if (code === null) throw error;
      return c.redirect(page(f.date, `error=${code}`, '#add'), 303);
    }
  });

  app.post('/appointments/slots/:id/withdraw', async (c) => {
    const session = c.get('session');
    const form = backForm.safeParse(await c.req.parseBody());
    const back = form.success && form.data.back !== 'case' ? form.data.back : today();
    try {
      await appointments.withdraw(staffOf(session.user), c.req.param('id'));
    } catch (error) {
      const code = refusalCode(error);
      if (code === null) throw error;
      return c.redirect(page(back, `error=${code}`), 303);
    }
    await core.audit(session, 'appointment.slot_withdraw', `slot:${c.req.param('id')}`);
    return c.redirect(page(back, 'done=slot_withdrawn'), 303);
  });

  /** Back to where the form was: the day's page, or the case page. */
  const backTo = (c: Context, back: string, reference: string, flash: string) =>
    c.redirect(back === 'case' ? `${href('/cases', reference)}?${flash}#appointments` : page(back, flash), 303);

  async function booking(c: Context<DashEnv>) {
    const found = await stores.appointments.appointment(c.req.param('id') ?? '');
    if (!found) return null;
    const summary = await core.deps.stores.cases.summary(found.reference);
    return summary && canOpenCase(c.get('session').user, summary) ? found : null;
  }

  app.post('/appointments/:id/attendance', async (c) => {
    const session = c.get('session');
    const form = attendanceForm.safeParse(await c.req.parseBody());
    const found = await booking(c);
    if (!found) return core.errorPage(c, session, 404, core.t('errors.appointment_not_found'));
    if (!form.success) return backTo(c, 'case', found.reference, 'error=bad_form');
    const attended = form.data.attended === 'yes';
    try {
      await appointments.attendance(found.reference, found.id, attended, staffOf(session.user));
    } catch (error) {
      const code = refusalCode(error);
      if (code === null) throw error;
      return backTo(c, form.data.back, found.reference, `error=${code}`);
    }
    await core.audit(session, attended ? 'appointment.attended' : 'appointment.no_show', found.reference, { appointment: found.id });
    return backTo(c, form.data.back, found.reference, 'done=attendance');
  });

  app.post('/appointments/:id/cancel', async (c) => {
    const session = c.get('session');
    const form = backForm.safeParse(await c.req.parseBody());
    const found = await booking(c);
    if (!found) return core.errorPage(c, session, 404, core.t('errors.appointment_not_found'));
    const back = form.success ? form.data.back : 'case';
    try {
      await appointments.cancel(found.reference, found.id, staffOf(session.user));
    } catch (error) {
      const code = refusalCode(error);
      if (code === null) throw error;
      return backTo(c, back, found.reference, `error=${code}`);
    }
    await core.audit(session, 'appointment.cancel', found.reference, { appointment: found.id });
    return backTo(c, back, found.reference, 'done=appointment_cancelled');
  });

  app.get('/appointments/:id/calendar.ics', async (c) => {
    const session = c.get('session');
    const found = await booking(c);
    if (!found) return core.errorPage(c, session, 404, core.t('errors.appointment_not_found'));
    const summary = core.t('appointments.ics_summary', { reference: found.reference, mode: core.t(`appointments.modes.${found.slot.mode}`) });
    const url = `${publicBase(core.deps.env)}${href('/cases', found.reference)}`;
    const body = appointmentIcs({ appointment: found, summary, url, now: core.now() });
    return c.body(body, 200, {
      'content-type': 'text/calendar; charset=utf-8',
      'content-disposition': `attachment; filename="appointment-${found.reference}.ics"`,
    });
  });

  app.post('/appointments/offices', requireRole(core, 'coordinator'), async (c) => {
    const session = c.get('session');
    const form = officeForm.safeParse(await c.req.parseBody());
    if (!form.success) return c.redirect(page(today(), 'error=bad_form', '#offices'), 303);
    const { id, zone, active, ...rest } = form.data;
    const saved = await stores.appointments.saveOffice(id === '' ? null : id, { ...rest, timeZone: zone, active: active === '1' }, session.user.email, core.now());
    if (!saved) return c.redirect(page(today(), 'error=bad_form', '#offices'), 303);
    await core.audit(session, id === '' ? 'appointment.office_add' : 'appointment.office_change', `office:${saved.id}`, { name: saved.name, active: saved.active });
    return c.redirect(page(today(), 'done=office', '#offices'), 303);
  });
}
