/**
 * Every action the server writes to the audit log, and every kind of object an entry may name. The
 * repository's `append` takes only these names, so a writer with a new action does not type-check until
 * the action is listed here; `audit-actions.test.ts` then asks for its label in each language
 * (`web/messages/audit/{az,ru,en}.json`, under `actions`), and scans the server for written names as a
 * second net. Names are never removed: entries written under an old name stay in the log and its filter.
 */
export const AUDIT_ACTIONS = [
  // Accounts and sign-in
  'sign-in',
  'sign-in.failed',
  'sign-in.locked-out',
  'sign-in.refused-disabled',
  'sign-in.two-factor',
  'sign-out',
  'account.signed-up',
  'account.created',
  'account.role-changed',
  'account.disabled',
  'account.enabled',
  'account.two-factor-reset',
  'account.password-changed',
  'account.password-change-failed',
  'account.other-sessions-ended',
  'password-reset.requested',
  'password-reset.unknown',
  'password-reset.throttled',
  'password-reset.completed',
  'two-factor.setup-started',
  'two-factor.enabled',
  'two-factor.failed',
  'two-factor.locked-out',
  // Question bank and blueprints
  'topic.created',
  'question.created',
  'question.edited',
  'question.submitted',
  'question.approved',
  'question.changes-requested',
  'question.commented',
  'question.retired',
  'question.key-read',
  'questions.imported',
  'questions.exported',
  'blueprint.created',
  'blueprint.updated',
  'blueprint.archived',
  'blueprint.restored',
  // Sittings, bookings and the exam
  'sitting.created',
  'sitting.booking_opened',
  'sitting.booking_closed',
  'sitting.extended',
  'sitting.updated',
  'sitting.rescheduled',
  'sitting.cancelled',
  'booking.accommodation_granted',
  'booking.moved',
  'attempt.extended',
  'attempt.annulled',
  'attempt.unsent_accepted',
  'attempt.hold_released',
  // Results, appeals and re-scoring
  'results.published',
  'results.republished',
  'results.exported',
  'appeal.filed',
  'appeal.decided',
  'appeal.confirmed',
  'appeal.declined',
  'appeal.withdrawn',
  'annulment_appeal.filed',
  'annulment_appeal.decided',
  'rescoring.completed',
  // Competitions
  'agency.created',
  'agency.updated',
  'agency.removed',
  'round.created',
  'round.updated',
  'round.announced',
  'round.stages_set',
  'stage.advanced',
  'vacancy.created',
  'vacancy.updated',
  'vacancy.removed',
  'vacancy.closed',
  'vacancy.ranking_published',
  'interview.panel_set',
  'interview.absence_recorded',
  'interview.score_entered',
  'interview.scheduled',
  'interview.rescheduled',
  'appointment.made',
  // Administration tools
  'audit.exported',
  'candidates.imported',
  'bookings.imported',
  // Exam-day rooms
  'invigilator.assigned',
  'invigilator.unassigned',
  'attendance.marked',
  'attendance.corrected',
  'incident.reported',
  'room.document_printed',
  // Consultations and the service standard
  'consultation.taken',
  'consultation.answered',
  'consultation.passed',
  'consultation_topic.target_changed',
  'faq.published',
  'faq.edited',
  'faq.withdrawn',
  // Written work: blind double marking
  'marking.plan_set',
  'marking.entered',
  'marking.revealed',
  'marking.scripts_added',
  'marking.appeal_filed',
  'marking.appeal_decided',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** The kinds of object an entry names (`target_type`); each has a label and, where it has a page, a link. */
export const AUDIT_TARGET_TYPES = [
  'user',
  'session',
  'topic',
  'question',
  'blueprint',
  'sitting',
  'booking',
  'attempt',
  'appeal',
  'appeal_decision',
  'annulment_appeal',
  'rescoring_job',
  'agency',
  'round',
  'vacancy',
  'application',
  'consultation',
  'consultation_topic',
  'faq_entry',
] as const;

export type AuditTargetType = (typeof AUDIT_TARGET_TYPES)[number];

export const isAuditAction = (value: string): value is AuditAction =>
  (AUDIT_ACTIONS as readonly string[]).includes(value);

/** The message key of an action's label: dots would read as nesting to i18next, so they become underscores. */
export const auditActionLabelKey = (action: string): string => action.replaceAll('.', '_');
