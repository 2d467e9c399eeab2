import type { AttendanceMark, IncidentKind } from '$lib/api/invigilation';

/** Safe for the browser (no server-only imports): the marks at the door and the kinds of incident, in order. */
export const ATTENDANCE_MARKS: readonly AttendanceMark[] = ['present', 'absent', 'turned-away'];
export const INCIDENT_KINDS: readonly IncidentKind[] = ['power-cut', 'illness', 'suspected-cheating', 'other'];
