/**
 * An appointment as an iCalendar file (RFC 5545) for the counsellor's calendar. It names the case by
 * its reference only: a calendar is synced to places the dashboard's access control does not reach.
 */
import type { Appointment } from '../conversation/appointment-ports.js';

/** Text values escaped as RFC 5545 3.3.11 asks. */
function text(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

const stamp = (at: Date): string => at.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/** Lines longer than 75 octets are folded (3.1). */
function fold(line: string): string {
  const bytes = new TextEncoder().encode(line);
  if (bytes.length <= 75) return line;
  const parts: string[] = [];
  let current = '';
  for (const ch of line) {
    if (new TextEncoder().encode(current + ch).length > (parts.length === 0 ? 75 : 74)) {
      parts.push(current);
      current = '';
    }
    current += ch;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

export interface IcsInput {
  appointment: Appointment & { reference: string };
  /** What the event is called, in the staff's words (`AVRR appointment AVR-… (phone)`). */
  summary: string;
  /** The case page. */
  url: string;
  now: Date;
}

export function appointmentIcs({ appointment: a, summary, url, now }: IcsInput): string {
  const end = new Date(a.slot.startsAt.getTime() + a.slot.minutes * 60_000);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//AVRR assistant//appointments//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${a.id}@avrr-assistant`,
    `DTSTAMP:${stamp(now)}`,
    `DTSTART:${stamp(a.slot.startsAt)}`,
    `DTEND:${stamp(end)}`,
    `SUMMARY:${text(summary)}`,
    ...(a.slot.office ? [`LOCATION:${text(`${a.slot.office.name}, ${a.slot.office.address}`)}`] : []),
    `URL:${url}`,
    `DESCRIPTION:${text(url)}`,
    `STATUS:${a.status === 'cancelled' || a.status === 'moved' ? 'CANCELLED' : 'CONFIRMED'}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
