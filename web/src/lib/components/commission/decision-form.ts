import type { AppealGroup, DecisionInput, DecisionOutcome, QuestionKey } from '../../api/appeals-staff';

/** The outcomes in the order the decision form offers them. */
export const OUTCOMES: readonly DecisionOutcome[] = ['reject', 'annul', 'accept-answer', 'correct-key'];

export function isOutcome(value: unknown): value is DecisionOutcome {
  return typeof value === 'string' && (OUTCOMES as readonly string[]).includes(value);
}

/** The reason's length the API accepts; checked here too, so the confirmation step cannot fail on it. */
export const REASON_MIN = 10;
export const REASON_MAX = 4_000;
export const ANSWER_MAX = 500;

/** The decision form as submitted: plain strings and lists, so it can be shown again exactly as typed. */
export interface DecisionFormValues {
  outcome: string;
  reason: string;
  /** Option ids chosen as the key (choice items). */
  correct: string[];
  /** Indices of the accepted answers kept (short-answer items). */
  kept: string[];
  /** An additional accepted answer, per language (short-answer items). */
  extraAz: string;
  extraRu: string;
  extraEn: string;
}

/** Field name on the form → error code. `key` is the key as a whole. */
export type DecisionErrors = Partial<Record<'outcome' | 'reason' | 'correct' | 'accepted' | 'key', string>>;

/** The form's fields in the order it shows them, for the error summary. */
export const DECISION_FIELDS = ['outcome', 'reason', 'correct', 'accepted', 'key'] as const;

const text = (data: FormData, name: string) => {
  const value = data.get(name);
  return typeof value === 'string' ? value : '';
};
const list = (data: FormData, name: string) =>
  data.getAll(name).filter((value): value is string => typeof value === 'string');

export function readDecisionForm(data: FormData): DecisionFormValues {
  return {
    outcome: text(data, 'outcome'),
    reason: text(data, 'reason'),
    correct: list(data, 'correct'),
    kept: list(data, 'kept'),
    extraAz: text(data, 'extraAz'),
    extraRu: text(data, 'extraRu'),
    extraEn: text(data, 'extraEn'),
  };
}

/** What the form shows before anything is submitted: the key in force, all answers kept. */
export function initialValues(group: AppealGroup): DecisionFormValues {
  const key = group.key;
  return {
    outcome: '',
    reason: '',
    correct: key.type === 'single' || key.type === 'multiple' ? [...key.correct] : [],
    kept: key.type === 'short' ? key.accepted.map((_, index) => String(index)) : [],
    extraAz: '',
    extraRu: '',
    extraEn: '',
  };
}

/** Which outcomes fit the item: an additional answer can be accepted only for a short-answer item. */
export function outcomesFor(group: AppealGroup): DecisionOutcome[] {
  return group.type === 'short'
    ? ['reject', 'annul', 'accept-answer', 'correct-key']
    : ['reject', 'annul', 'correct-key'];
}

export const isKeyOutcome = (outcome: string): outcome is DecisionOutcome =>
  outcome === 'accept-answer' || outcome === 'correct-key';

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((value) => b.includes(value));

function keyFrom(
  values: DecisionFormValues,
  outcome: DecisionOutcome,
  current: QuestionKey,
  group: AppealGroup,
): { key: QuestionKey } | { errors: DecisionErrors } {
  if (current.type === 'single' || current.type === 'multiple') {
    const known = new Set(group.options.map((o) => o.id));
    const correct = [...new Set(values.correct)].filter((id) => known.has(id));
    if (correct.length === 0) return { errors: { correct: 'required' } };
    if (current.type === 'single' && correct.length !== 1) return { errors: { correct: 'one_only' } };
    if (sameSet(correct, current.correct)) return { errors: { correct: 'unchanged' } };
    return current.type === 'single'
      ? { key: { type: 'single', correct: [correct[0]!] } }
      : { key: { type: 'multiple', correct, scoring: current.scoring } };
  }
  // An essay is appealed against its marking (issue 18), never through its key.
  if (current.type === 'essay') return { errors: { key: 'invalid' } };
  const kept = current.accepted.filter((_, index) => values.kept.includes(String(index)));
  const extra = {
    ...(values.extraAz.trim() ? { az: values.extraAz.trim() } : {}),
    ...(values.extraRu.trim() ? { ru: values.extraRu.trim() } : {}),
    ...(values.extraEn.trim() ? { en: values.extraEn.trim() } : {}),
  };
  const added = Object.keys(extra).length > 0;
  if (Object.values(extra).some((answer) => answer.length > ANSWER_MAX)) return { errors: { accepted: 'maxLength' } };
  if (outcome === 'accept-answer') {
    if (kept.length !== current.accepted.length) return { errors: { accepted: 'must_keep' } };
    if (!added) return { errors: { accepted: 'must_extend' } };
  }
  const accepted = added ? [...kept, extra] : kept;
  if (accepted.length === 0) return { errors: { accepted: 'required' } };
  if (!added && kept.length === current.accepted.length) return { errors: { accepted: 'unchanged' } };
  return { key: { type: 'short', accepted, match: current.match } };
}

/**
 * The decision the form describes, or the fields at fault. It checks what the API would refuse
 * before the confirmation step, so confirming does not bring the examiner back to the form.
 */
export function buildDecision(
  values: DecisionFormValues,
  group: AppealGroup,
): { body: DecisionInput } | { errors: DecisionErrors } {
  const errors: DecisionErrors = {};
  const outcome = isOutcome(values.outcome) && outcomesFor(group).includes(values.outcome) ? values.outcome : null;
  if (!outcome) errors.outcome = 'required';
  const reason = values.reason.trim();
  if (reason === '') errors.reason = 'required';
  else if (reason.length < REASON_MIN) errors.reason = 'minLength';
  else if (reason.length > REASON_MAX) errors.reason = 'maxLength';

  let key: QuestionKey | undefined;
  if (outcome && isKeyOutcome(outcome)) {
    const built = keyFrom(values, outcome, group.key, group);
    if ('errors' in built) Object.assign(errors, built.errors);
    else key = built.key;
  }
  if (Object.keys(errors).length > 0 || !outcome) return { errors };
  return { body: { outcome, reason, ...(key ? { key } : {}) } };
}

/**
 * The API's refusal of a decision, as the form's fields: `key.correct` is the options chosen,
 * `key.accepted` the accepted answers, anything else under `key` the key as a whole.
 */
export function decisionFieldOf(apiField: string): keyof DecisionErrors | null {
  if (apiField === 'outcome' || apiField === 'reason') return apiField;
  if (apiField.startsWith('key.correct')) return 'correct';
  if (apiField.startsWith('key.accepted')) return 'accepted';
  if (apiField === 'key' || apiField.startsWith('key.')) return 'key';
  return null;
}
