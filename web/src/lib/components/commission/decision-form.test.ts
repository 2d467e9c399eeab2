import { describe, expect, it } from 'vitest';
import type { AppealGroup } from '../../api/appeals-staff';
import {
  buildDecision,
  decisionFieldOf,
  initialValues,
  outcomesFor,
  type DecisionErrors,
  type DecisionFormValues,
} from './decision-form';

const base = {
  versionId: 'v1',
  questionId: 'q1',
  text: { az: 'Sual' },
  appeals: [],
  decision: null,
};
const options = ['a', 'b', 'c'].map((id) => ({ id, text: { az: id } }));
const single: AppealGroup = { ...base, type: 'single', options, key: { type: 'single', correct: ['a'] } };
const multiple: AppealGroup = {
  ...base,
  type: 'multiple',
  options,
  key: { type: 'multiple', correct: ['a'], scoring: 'partial' },
};
const short: AppealGroup = {
  ...base,
  type: 'short',
  options: [],
  key: { type: 'short', accepted: [{ az: 'Bakı' }], match: 'normalised' },
};

const reason = 'The item has two right answers.';
const form = (group: AppealGroup, values: Partial<DecisionFormValues>): DecisionFormValues => ({
  ...initialValues(group),
  reason,
  ...values,
});

describe('the decision form', () => {
  it('offers an additional answer only for short-answer items', () => {
    expect(outcomesFor(single)).not.toContain('accept-answer');
    expect(outcomesFor(short)).toContain('accept-answer');
  });

  const refusals: [string, AppealGroup, Partial<DecisionFormValues>, DecisionErrors][] = [
    ['no outcome', single, { outcome: '' }, { outcome: 'required' }],
    ['an outcome the item cannot take', single, { outcome: 'accept-answer' }, { outcome: 'required' }],
    ['no reason', single, { outcome: 'reject', reason: '  ' }, { reason: 'required' }],
    ['a short reason', single, { outcome: 'reject', reason: 'too short' }, { reason: 'minLength' }],
    ['the key unchanged', single, { outcome: 'correct-key', correct: ['a'] }, { correct: 'unchanged' }],
    ['two options on a single item', single, { outcome: 'correct-key', correct: ['a', 'b'] }, { correct: 'one_only' }],
    ['no option', multiple, { outcome: 'correct-key', correct: [] }, { correct: 'required' }],
    [
      'an accepted answer dropped',
      short,
      { outcome: 'accept-answer', kept: [], extraAz: 'Baku' },
      { accepted: 'must_keep' },
    ],
    ['no answer added', short, { outcome: 'accept-answer' }, { accepted: 'must_extend' }],
  ];
  it.each(refusals)('refuses %s, naming the field', (_name, group, values, errors) => {
    expect(buildDecision(form(group, values), group)).toEqual({ errors });
  });

  it('builds each outcome with the key it puts in force', () => {
    expect(buildDecision(form(single, { outcome: 'reject', correct: ['b'] }), single)).toEqual({
      body: { outcome: 'reject', reason },
    });
    expect(buildDecision(form(single, { outcome: 'annul' }), single)).toEqual({ body: { outcome: 'annul', reason } });
    expect(buildDecision(form(single, { outcome: 'correct-key', correct: ['c'] }), single)).toEqual({
      body: { outcome: 'correct-key', reason, key: { type: 'single', correct: ['c'] } },
    });
    expect(buildDecision(form(multiple, { outcome: 'correct-key', correct: ['a', 'b', 'zz'] }), multiple)).toEqual({
      body: { outcome: 'correct-key', reason, key: { type: 'multiple', correct: ['a', 'b'], scoring: 'partial' } },
    });
    expect(buildDecision(form(short, { outcome: 'accept-answer', extraRu: ' Баку ' }), short)).toEqual({
      body: {
        outcome: 'accept-answer',
        reason,
        key: { type: 'short', accepted: [{ az: 'Bakı' }, { ru: 'Баку' }], match: 'normalised' },
      },
    });
  });

  it("maps the API's fields onto the form's", () => {
    expect(decisionFieldOf('key.correct')).toBe('correct');
    expect(decisionFieldOf('key.accepted')).toBe('accepted');
    expect(decisionFieldOf('key.type')).toBe('key');
    expect(decisionFieldOf('reason')).toBe('reason');
    expect(decisionFieldOf('versionId')).toBeNull();
  });
});
