/**
 * The new-sitting form: what is typed (Baku dates and clock times, minutes, rooms) and the API body
 * made from it. The API names fields by its own paths (`startsAt`, `rooms.1.capacity`); each is
 * shown beside the input a person typed it in.
 */
import type { ApiError } from '$lib/api/client';
import type { SittingInput } from '$lib/api/sittings';
import type { FieldErrors } from '$lib/forms';
import type { Sitting } from '$lib/api/sittings';
import { bakuLocalToIso, bakuParts, bakuToIso, isDate, isTime, minutesBetween } from './baku-time';

export interface RoomValues {
  name: string;
  capacity: string;
}

export interface SittingFormValues {
  code: string;
  categoryCode: string;
  blueprintId: string;
  mode: string;
  date: string;
  startTime: string;
  /** Minutes after the start (`30`) or a clock time on the same day (`10:30`). */
  entryCloses: string;
  endTime: string;
  /** A `datetime-local` value, `2026-12-10T18:00`. */
  bookingCloses: string;
  arrivalMinutes: string;
  rooms: RoomValues[];
}

export const MAX_ROOMS = 200;
export const MODES = ['centre', 'online'] as const;

/** The order of the form's fields, for the error summary. */
export const FIELD_ORDER = [
  'code',
  'categoryCode',
  'blueprintId',
  'mode',
  'date',
  'startTime',
  'entryCloses',
  'endTime',
  'bookingCloses',
  'arrivalMinutes',
  'rooms',
] as const;

export function emptyRoom(): RoomValues {
  return { name: '', capacity: '' };
}

export function emptySitting(categoryCode = '', blueprintId = ''): SittingFormValues {
  return {
    code: '',
    categoryCode,
    blueprintId,
    mode: 'centre',
    date: '',
    startTime: '10:00',
    entryCloses: '30',
    endTime: '13:00',
    bookingCloses: '',
    arrivalMinutes: '30',
    rooms: [emptyRoom(), emptyRoom()],
  };
}

/** A saved sitting as the form shows it, to edit a draft: Baku date and times, entry as minutes after the start. */
export function valuesFromSitting(sitting: Sitting): SittingFormValues {
  const start = bakuParts(sitting.startsAt);
  const booking = bakuParts(sitting.bookingClosesAt);
  return {
    code: sitting.code,
    categoryCode: sitting.categoryCode,
    blueprintId: sitting.blueprintId,
    mode: sitting.mode,
    date: start.date,
    startTime: start.time,
    entryCloses: String(minutesBetween(sitting.startsAt, sitting.entryClosesAt)),
    endTime: bakuParts(sitting.endsAt).time,
    bookingCloses: `${booking.date}T${booking.time}`,
    arrivalMinutes: String(sitting.arrivalMinutes),
    rooms: sitting.rooms.map((r) => ({ name: r.name, capacity: String(r.capacity) })),
  };
}

const text = (data: FormData, name: string) => {
  const value = data.get(name);
  return typeof value === 'string' ? value : '';
};

export function valuesFromForm(data: FormData): SittingFormValues {
  const count = Math.min(Math.max(Math.trunc(Number(text(data, 'roomCount'))) || 0, 0), MAX_ROOMS);
  const rooms: RoomValues[] = [];
  for (let i = 0; i < count; i += 1) {
    rooms.push({ name: text(data, `rooms.${i}.name`), capacity: text(data, `rooms.${i}.capacity`) });
  }
  return {
    code: text(data, 'code').trim(),
    categoryCode: text(data, 'categoryCode'),
    blueprintId: text(data, 'blueprintId'),
    mode: text(data, 'mode'),
    date: text(data, 'date').trim(),
    startTime: text(data, 'startTime').trim(),
    entryCloses: text(data, 'entryCloses').trim(),
    endTime: text(data, 'endTime').trim(),
    bookingCloses: text(data, 'bookingCloses').trim(),
    arrivalMinutes: text(data, 'arrivalMinutes').trim(),
    rooms,
  };
}

/** Rows left wholly blank are not rooms; dropping them first keeps the API's row numbers those on screen. */
export function withoutBlankRooms(values: SittingFormValues): SittingFormValues {
  return { ...values, rooms: values.rooms.filter((r) => r.name.trim() !== '' || r.capacity.trim() !== '') };
}

/** A whole number as typed; anything else goes as null, which the API reports beside the field. */
function integer(value: string): number | null {
  const trimmed = value.trim();
  return /^-?\d+$/.test(trimmed) ? Number(trimmed) : null;
}

/** The ISO fields the form computes, and the inputs each one comes from. */
const SOURCES: Record<'startsAt' | 'entryClosesAt' | 'endsAt' | 'bookingClosesAt', string> = {
  startsAt: 'startTime',
  entryClosesAt: 'entryCloses',
  endsAt: 'endTime',
  bookingClosesAt: 'bookingCloses',
};

export interface BuiltSitting {
  body: SittingInput;
  /** Problems found before asking the API: missing or impossible dates and times. */
  errors: FieldErrors;
  /** ISO fields sent empty because an input they depend on is wrong; the API's word on them adds nothing. */
  unknown: string[];
}

export function buildSitting(values: SittingFormValues): BuiltSitting {
  const errors: FieldErrors = {};
  const unknown: string[] = [];
  const need = (field: keyof SittingFormValues, ok: (v: string) => boolean) => {
    const value = values[field] as string;
    if (value === '') errors[field] = 'required';
    else if (!ok(value)) errors[field] = 'format';
    return !errors[field];
  };
  const dateOk = need('date', isDate);
  const startOk = need('startTime', isTime);
  const endOk = need('endTime', isTime);
  const entryOk = need('entryCloses', (v) => /^\d{1,3}$/.test(v) || isTime(v));
  const bookingOk = need('bookingCloses', (v) => bakuLocalToIso(v.replace(' ', 'T')) !== null);

  const startsAt = dateOk && startOk ? bakuToIso(values.date, values.startTime) : null;
  let entryClosesAt: string | null = null;
  if (entryOk && startsAt) {
    entryClosesAt = /^\d{1,3}$/.test(values.entryCloses)
      ? new Date(new Date(startsAt).getTime() + Number(values.entryCloses) * 60_000).toISOString()
      : bakuToIso(values.date, values.entryCloses);
  }
  // Times are read on the sitting's day as typed: an end before the start is the server's to refuse by
  // name (never quietly the next day, which turned a typo into a 23-hour shift).
  const endsAt = dateOk && endOk && startsAt ? bakuToIso(values.date, values.endTime) : null;
  const bookingClosesAt = bookingOk ? bakuLocalToIso(values.bookingCloses.replace(' ', 'T')) : null;
  const computed = { startsAt, entryClosesAt, endsAt, bookingClosesAt };
  for (const [field, value] of Object.entries(computed)) if (value === null) unknown.push(field);

  const arrival = values.arrivalMinutes === '' ? undefined : integer(values.arrivalMinutes);
  const body = {
    code: values.code,
    categoryCode: values.categoryCode,
    blueprintId: values.blueprintId,
    mode: values.mode,
    ...(computed as Record<keyof typeof computed, string>),
    ...(arrival === undefined ? {} : { arrivalMinutes: arrival }),
    rooms: values.rooms.map((r) => ({ name: r.name.trim(), capacity: integer(r.capacity) })),
  } as SittingInput;
  return { body, errors, unknown };
}

/** Ajv's words for "not one of the allowed values", which say nothing more to a person. */
const INVALID = new Set(['const', 'anyOf', 'oneOf', 'enum']);

/** Where an API path is shown on the form, or null when no input explains it. */
export function placeError(path: string, roomCount: number): string | null {
  if (path in SOURCES) return SOURCES[path as keyof typeof SOURCES];
  if (['code', 'categoryCode', 'blueprintId', 'mode', 'arrivalMinutes'].includes(path)) return path;
  const parts = path.split('.');
  if (parts[0] === 'rooms') {
    if (parts.length === 1) return 'rooms';
    const index = Number(parts[1]);
    if (!Number.isInteger(index) || index < 0 || index >= roomCount) return 'rooms';
    return `rooms.${index}.${parts[2] === 'capacity' ? 'capacity' : 'name'}`;
  }
  return null;
}

/** The API's refusal placed on the form, after the form's own findings. */
export function sittingErrors(error: ApiError, built: BuiltSitting, roomCount: number) {
  const errors: FieldErrors = { ...built.errors };
  let unplaced = !error.fields?.length && Object.keys(errors).length === 0;
  for (const problem of error.fields ?? []) {
    if (built.unknown.includes(problem.field)) continue;
    const at = placeError(problem.field, roomCount);
    if (!at) {
      unplaced = true;
      continue;
    }
    errors[at] ??= INVALID.has(problem.code) ? 'invalid' : problem.code;
  }
  return { errors, unplaced };
}

/** The message group of a form field: `rooms.2.capacity` → `capacity`, `rooms.2.name` → `roomName`. */
export function errorGroup(field: string): string {
  if (!field.startsWith('rooms.')) return field;
  return field.endsWith('.capacity') ? 'capacity' : 'roomName';
}
