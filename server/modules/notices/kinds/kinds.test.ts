import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../mail/language';
import { NOTICE_KINDS, NOTICE_KIND_NAMES, renderNotice } from './index';

/** Values of every kind, as the services store them. */
const SAMPLES: Record<string, Record<string, unknown>> = {
  'booking-confirmed': { bookingId: 'b1', sittingCode: 'S-1', startsAt: '2026-12-20T06:00:00.000Z' },
  'booking-cancelled': { bookingId: 'b1', sittingCode: 'S-1', startsAt: '2026-12-20T06:00:00.000Z' },
  'roster-fixed': { bookingId: 'b1', sittingCode: 'S-1', startsAt: '2026-12-20T06:00:00.000Z', room: 'C-301', seat: 7 },
  'exam-approaching': {
    bookingId: 'b1',
    sittingCode: 'S-1',
    startsAt: '2026-12-20T06:00:00.000Z',
    room: 'C-301',
    seat: 7,
  },
  'sitting-changed': {
    bookingId: 'b1',
    sittingCode: 'S-1',
    kind: 'rescheduled',
    previousStartsAt: '2026-12-20T06:00:00.000Z',
    nextStartsAt: '2026-12-21T06:00:00.000Z',
    reason: 'Otaq təmirdədir',
  },
  'result-published': { bookingId: 'b1', sittingCode: 'S-1', points: 71.5, maxPoints: 100, passed: true },
  'result-rescored': {
    bookingId: 'b1',
    sittingCode: 'S-1',
    points: 72.5,
    maxPoints: 100,
    passed: true,
    previousPoints: 71.5,
    previousPassed: true,
  },
  'appeal-decided': { upheld: false },
  'certificate-issued': { certificateCode: 'CQ7H-4KXM-9TRW', categoryCode: 'AB', validUntil: '2031-12-20T06:00:00Z' },
  'certificate-revoked': { certificateCode: 'CQ7H-4KXM-9TRW', categoryCode: 'AB', validUntil: '2031-12-20T06:00:00Z' },
  'application-accepted': { applicationId: 'a1', vacancyCode: 'V-1', position: { az: 'Baş məsləhətçi' } },
  'application-refused': {
    applicationId: 'a1',
    vacancyCode: 'V-1',
    position: { az: 'Baş məsləhətçi', ru: 'Главный консультант' },
  },
  'interview-scheduled': {
    applicationId: 'a1',
    vacancyCode: 'V-1',
    position: { en: 'Chief adviser' },
    startsAt: '2026-12-20T06:00:00.000Z',
    place: 'Otaq 12',
  },
  appointed: { applicationId: 'a1', vacancyCode: 'V-1', position: { az: 'Baş məsləhətçi' } },
  'consultation-answered': { consultationId: 'c1' },
  'marking-appeal-decided': { attemptId: 'a1', sittingCode: 'S-1', upheld: true, finalPoints: 14.5, maxPoints: 20 },
  'stage-result': {
    applicationId: 'a1',
    vacancyCode: 'V-1',
    position: { az: 'Baş məsləhətçi', en: 'Chief adviser' },
    stage: 2,
    stageKind: 'written',
    advanced: false,
    score: 47.5,
    rank: 4,
    reason: 'below_minimum',
    minScore: 50,
    limit: null,
  },
};

describe('notice kinds', () => {
  it('has a sample here for every kind, so none goes untested', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual([...NOTICE_KIND_NAMES].sort());
  });

  it('writes every kind in every language, with a title, a text and a link on this site', () => {
    for (const kind of NOTICE_KIND_NAMES) {
      const texts = LANGUAGES.map((language) => renderNotice(kind, SAMPLES[kind] as never, language)!);
      for (const text of texts) {
        expect(text.title.length, kind).toBeGreaterThan(0);
        expect(text.text.length, kind).toBeGreaterThan(20);
        expect(text.link, kind).toMatch(/^\/[a-z]/);
        expect(`${text.title} ${text.text}`, kind).not.toMatch(/undefined|NaN|\[object/);
      }
      // Three languages, three different texts.
      expect(new Set(texts.map((t) => t.text)).size, kind).toBe(3);
    }
  });

  it('writes times in Baku time and numbers in the reader’s way', () => {
    const az = renderNotice('exam-approaching', SAMPLES['exam-approaching'] as never, 'az')!;
    expect(az.text).toContain('10:00');
    expect(renderNotice('result-published', SAMPLES['result-published'] as never, 'ru')!.text).toContain('71,5');
    expect(renderNotice('result-published', SAMPLES['result-published'] as never, 'en')!.text).toContain('71.5');
  });

  it('names a post in the reader’s language, or in another when it has none in theirs', () => {
    const ru = renderNotice('application-refused', SAMPLES['application-refused'] as never, 'ru')!;
    expect(ru.text).toContain('Главный консультант');
    expect(renderNotice('application-accepted', SAMPLES['application-accepted'] as never, 'en')!.text).toContain(
      'Baş məsləhətçi',
    );
  });

  it('tells a stage’s result with the score, and when not through the gate’s reason in the reader’s language', () => {
    const sample = SAMPLES['stage-result'] as Record<string, unknown>;
    const render = (over: Record<string, unknown>, language: 'az' | 'ru' | 'en') =>
      renderNotice('stage-result', { ...sample, ...over } as never, language)!.text;
    expect(render({}, 'ru')).toContain('47,5');
    expect(render({}, 'ru')).toContain('минимального балла этапа (50)');
    expect(render({}, 'en')).toContain("below the stage's minimum of 50");
    const reasons = ['no_result', 'below_minimum', 'outside_top', 'tie_at_limit'];
    for (const language of LANGUAGES) {
      const texts = reasons.map((reason) => render({ reason, limit: 3 }, language));
      expect(new Set(texts).size, language).toBe(reasons.length);
      const through = render({ advanced: true, reason: 'passed', score: 81.25 }, language);
      expect(through, language).toContain(language === 'en' ? '81.25' : '81,25');
      for (const text of texts) expect(through).not.toBe(text);
    }
    expect(render({ reason: 'outside_top', rank: 4, limit: 3 }, 'az')).toContain('(4)');
    expect(render({ reason: 'no_result', score: null, rank: null }, 'en')).toContain('Your score: – of 100');
  });

  it('renders a kind it no longer knows as nothing, rather than failing the inbox', () => {
    expect(renderNotice('no-such-kind', {}, 'az')).toBeNull();
  });

  it('puts the values it is given into the text whatever they are', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 30 }), fc.integer({ min: 1, max: 5000 }), (code, seat) => {
        for (const language of LANGUAGES) {
          const text = NOTICE_KINDS['roster-fixed'].render[language]({
            bookingId: 'b',
            sittingCode: code,
            startsAt: '2026-12-20T06:00:00.000Z',
            room: 'R',
            seat,
          });
          expect(text.title).toContain(code);
          expect(text.text).toContain(String(seat));
        }
      }),
    );
  });
});
