import { describe, expect, it } from 'vitest';
import type { MarkerScript } from '$api-types';
import type { Translator } from '../../i18n';
import { criterionTitle, markingProblem, pointsProblem } from './rubric';

const rubric: MarkerScript['rubric'] = [
  { id: 'content', title: { az: 'Məzmun', en: 'Content' }, maxPoints: 10, levels: [] },
  { id: 'language', title: { az: 'Dil' }, maxPoints: 5, levels: [] },
];

describe('criterionTitle', () => {
  it.each([
    ['content', 'en', 'Content'],
    ['content', 'az', 'Məzmun'],
    ['language', 'en', 'Dil'],
    ['gone', 'en', 'gone'],
  ])('%s in %s is %s', (id, locale, title) => {
    expect(criterionTitle(rubric, id, locale)).toBe(title);
  });

  it('names a criterion by its id where there is no rubric', () => {
    expect(criterionTitle(null, 'content', 'en')).toBe('content');
  });
});

describe('pointsProblem', () => {
  it.each([
    ['', 'required'],
    ['x', 'integer'],
    ['-1', 'integer'],
    ['2.5', 'integer'],
    ['11', 'too_large'],
    ['10', null],
    ['0', null],
  ])('%j out of 10 is %s', (points, problem) => {
    expect(pointsProblem(points, 10)).toBe(problem);
  });
});

describe('markingProblem', () => {
  const known: Record<string, string> = { 'marking.errors.codes.marking_entered': 'Already entered.' };
  const i18n = {
    locale: 'en',
    t: (key: string) => `[${key}]`,
    tAny: (keys: readonly string[]) => keys.map((key) => known[key]).find((text) => text !== undefined) ?? null,
  } as unknown as Translator;

  it("gives a marking conflict's own words, its code's dots read as underscores", () => {
    expect(markingProblem(i18n, 'marking.entered')).toBe('Already entered.');
  });
  it('gives the general words where the code has none', () => {
    expect(markingProblem(i18n, 'sitting.not_finished')).toBe('[errors.unexpected]');
  });
  it('gives nothing when nothing was refused', () => {
    expect(markingProblem(i18n, undefined)).toBeUndefined();
  });
});
