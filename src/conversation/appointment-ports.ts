/**
 * Appointments: counsellors publish times (a slot: when, how long, phone / video / in person at an
 * office, the languages they or an interpreter cover); the person books one in the chat, moves or
 * cancels it; staff record whether they came. The ports describe it without naming a database.
 */
export const appointmentModes = ['phone', 'video', 'in_person'] as const;
export type AppointmentMode = (typeof appointmentModes)[number];

export const appointmentStatuses = ['booked', 'attended', 'no_show', 'cancelled', 'moved'] as const;
export type AppointmentStatus = (typeof appointmentStatuses)[number];

export interface Office {
  id: string;
  name: string;
  address: string;
  country: string;
  timeZone: string;
  active: boolean;
}

export type OfficeInput = Omit<Office, 'id'>;

export interface Slot {
  id: string;
  startsAt: Date;
  minutes: number;
  mode: AppointmentMode;
  /** In person: where. */
  office: Office | null;
  languages: string[];
  /** The counsellor's actor id, and what staff pages show for them. */
  counsellor: string;
  counsellorName: string;
  timeZone: string;
  cancelledAt: Date | null;
}

export interface NewSlot {
  startsAt: Date;
  minutes: number;
  mode: AppointmentMode;
  officeId: string | null;
  languages: string[];
  counsellor: string;
  counsellorName: string;
  timeZone: string;
}

export interface Appointment {
  id: string;
  caseId: string;
  status: AppointmentStatus;
  slot: Slot;
  createdAt: Date;
  updatedAt: Date;
}

/** A slot as staff see it: with its live booking, if any. */
export interface SlotLine extends Slot {
  booking: { appointmentId: string; caseId: string; reference: string; language: string; status: AppointmentStatus } | null;
}

/** Appointments inside the transaction that holds a person's contact. */
export interface AppointmentsTx {
  /** Free times from `from` on that cover `language`, soonest first. */
  free(from: Date, language: string, limit: number): Promise<Slot[]>;
  /** The booked (upcoming or just past, not yet marked) appointment of one of the person's cases. */
  booked(caseId: string): Promise<Appointment | null>;
  /** One of the person's appointments. */
  byId(id: string): Promise<Appointment | null>;
  /**
   * Books a free time for one of the person's cases. Null when the time was taken meanwhile,
   * withdrawn, or has begun; then nothing changed. With `replacing`, that booked appointment of the
   * case is marked moved in the same step (a case has one booked appointment at a time).
   */
  book(caseId: string, slotId: string, options?: { replacing?: string }): Promise<Appointment | null>;
  /** Moves a booked appointment on (attended, no_show, cancelled, moved); false when it is not booked. */
  end(id: string, status: Exclude<AppointmentStatus, 'booked'>, by: string): Promise<boolean>;
}

/** Appointments outside a person's transaction: times, offices, and what staff pages list. */
export interface AppointmentStore {
  publish(input: NewSlot, at: Date): Promise<Slot>;
  slot(id: string): Promise<Slot | null>;
  /** Withdraws a time nobody booked; false when it is booked or gone. */
  withdraw(id: string, at: Date): Promise<boolean>;
  /** Times starting in [from, to), withdrawn ones left out, with their booking. */
  between(from: Date, to: Date): Promise<SlotLine[]>;
  appointment(id: string): Promise<(Appointment & { reference: string }) | null>;
  /** A case's appointments, soonest first. */
  ofCase(caseId: string): Promise<Appointment[]>;
  offices(): Promise<Office[]>;
  /** Adds (id null) or changes an office; null when the id is unknown. */
  saveOffice(id: string | null, input: OfficeInput, by: string, at: Date): Promise<Office | null>;
}
