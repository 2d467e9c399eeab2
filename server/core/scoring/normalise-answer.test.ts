import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, type Language } from '../question';
import { isBlankText, matchesShortAnswer, normaliseShortAnswer } from './normalise-answer';

describe('normaliseShortAnswer: each rule', () => {
  it.each<[string, Language, string, string]>([
    // [why, language, typed, normal form]
    ['az: capital dotted İ is small i', 'az', 'İLHAM', 'ilham'],
    ['az: capital dotless I is small ı', 'az', 'BAKI', 'bakı'],
    ['az: both in one word', 'az', 'İSTİQLALİYYƏT', 'istiqlaliyyət'],
    ['az: small ı stays dotless', 'az', 'bakı', 'bakı'],
    ['en: I is i', 'en', 'ISTANBUL', 'istanbul'],
    ['en: İ lowercases without a stray combining dot', 'en', 'İstanbul', 'istanbul'],
    ['ru: i + combining dot above is i', 'ru', 'i\u0307', 'i'],
    ['ru: case', 'ru', 'КОНСТИТУЦИЯ', 'конституция'],
    ['ru: ё is е', 'ru', 'Ёлка', 'елка'],
    ['ru: decomposed ё (е + ◌̈) is е', 'ru', 'е\u0308лка', 'елка'],
    ['ru: ё with a stress mark keeps the stress mark only', 'ru', 'ё\u0301', 'е\u0301'],
    ['az: ё is not touched outside Russian', 'az', 'ё', 'ё'],
    ['spaces: trimmed and collapsed', 'en', '  New \t\n York  ', 'new york'],
    ['spaces: non-breaking and ideographic spaces too', 'en', 'New\u00A0\u3000York', 'new york'],
    ['invisible: zero-width space, soft hyphen and BOM go', 'en', '\uFEFFPar\u00ADis\u200B', 'paris'],
    ['full stop: one trailing full stop goes', 'ru', 'Москва.', 'москва'],
    ['full stop: several, with spaces, go', 'en', 'Paris . . ', 'paris'],
    ['full stop: inner ones stay', 'en', '3.14', '3.14'],
    ['full stop: a text of dots is empty', 'en', '...', ''],
    ['NFC: e + combining acute is é', 'en', 'Cafe\u0301', 'café'],
    ['az: Cyrillic ә is Latin ə', 'az', 'Әdliyyә', 'ədliyyə'],
    ['az: turned e ǝ is ə', 'az', 'ǝdliyyǝ', 'ədliyyə'],
    ['az: 1991 ä is ə', 'az', 'Ädliyyä', 'ədliyyə'],
    ['az: plain e is NOT ə (it changes the word)', 'az', 'el', 'el'],
    ['en: ä is not touched outside Azerbaijani', 'en', 'Bär', 'bär'],
    ['az: Cyrillic look-alikes in a Latin word become Latin', 'az', 'Bаkı' /* Cyrillic а */, 'bakı'],
    ['az: Cyrillic І in a Latin word is I, hence ı', 'az', 'BAKІ', 'bakı'],
    ['ru: Latin look-alikes in a Cyrillic word become Cyrillic', 'ru', 'пpивeт' /* Latin p, e */, 'привет'],
    ['ru: Latin ë in a Cyrillic word is ё, hence е', 'ru', 'ёлкa' /* Latin a */, 'елка'],
    ['ru: a wholly Latin word in a Russian answer stays Latin', 'ru', 'язык HTML', 'язык html'],
    ['az: a wholly Cyrillic word stays Cyrillic', 'az', 'Баку', 'баку'],
  ])('%s', (_why, language, typed, normal) => {
    expect(normaliseShortAnswer(typed, language)).toBe(normal);
  });

  it('does not accept the keyboard shortcuts that change Azerbaijani letters', () => {
    expect(normaliseShortAnswer('Ədliyyə', 'az')).not.toBe(normaliseShortAnswer('Edliyye', 'az'));
    expect(normaliseShortAnswer('Şəki', 'az')).not.toBe(normaliseShortAnswer('Seki', 'az'));
    expect(normaliseShortAnswer('Bakı', 'az')).not.toBe(normaliseShortAnswer('Baki', 'az'));
    expect(normaliseShortAnswer('Gəncə', 'az')).not.toBe(normaliseShortAnswer('Gence', 'az'));
  });
});

describe('isBlankText', () => {
  it.each(['', ' ', '\t\n', '\u00A0', '\u200B', ' \uFEFF '])('%j is blank', (text) => {
    expect(isBlankText(text)).toBe(true);
  });
  it.each(['.', 'a', ' 0 '])('%j is not blank', (text) => {
    expect(isBlankText(text)).toBe(false);
  });
});

describe('matchesShortAnswer', () => {
  const baku = [{ az: 'Bakı', ru: 'Баку', en: 'Baku' }];

  it.each<[string, string, Language, boolean]>([
    ['az, case and dotless ı', 'BAKI', 'az', true],
    ['az, spaces and full stop', '  bakı. ', 'az', true],
    ['az, dotted i is another letter', 'BAKİ', 'az', false],
    ['az, the Russian spelling is not the az answer', 'Баку', 'az', false],
    ['ru, the Russian spelling', 'баку', 'ru', true],
    ['ru, the Azerbaijani spelling is not the ru answer', 'Bakı', 'ru', false],
    ['en', 'BAKU.', 'en', true],
    ['blank never matches', '   ', 'en', false],
  ])('normalised: %s', (_why, given, language, expected) => {
    expect(matchesShortAnswer(given, baku, 'normalised', language)).toBe(expected);
  });

  it('matches any of several accepted answers', () => {
    const accepted = [{ ru: 'Пётр I' }, { ru: 'Пётр Первый' }];
    expect(matchesShortAnswer('петр   первый', accepted, 'normalised', 'ru')).toBe(true);
    expect(matchesShortAnswer('Пётр I.', accepted, 'normalised', 'ru')).toBe(true);
    expect(matchesShortAnswer('Пётр II', accepted, 'normalised', 'ru')).toBe(false);
  });

  it('ignores accepted entries without the exam language', () => {
    expect(matchesShortAnswer('HTML', [{ en: 'HTML' }], 'normalised', 'az')).toBe(false);
  });

  it('exact: case, letters and inner spaces count; the ends and Unicode composition do not', () => {
    const nacl = [{ en: 'NaCl', az: 'Ə  ə' }];
    expect(matchesShortAnswer('NaCl', nacl, 'exact', 'en')).toBe(true);
    expect(matchesShortAnswer(' NaCl\n', nacl, 'exact', 'en')).toBe(true);
    expect(matchesShortAnswer('nacl', nacl, 'exact', 'en')).toBe(false);
    expect(matchesShortAnswer('NaCl.', nacl, 'exact', 'en')).toBe(false);
    expect(matchesShortAnswer('Ə ə', nacl, 'exact', 'az')).toBe(false);
    expect(matchesShortAnswer('Cafe\u0301', [{ en: 'Café' }], 'exact', 'en')).toBe(true);
  });

  it('a blank answer does not match a blank accepted entry', () => {
    expect(matchesShortAnswer(' ', [{ en: ' ' }], 'exact', 'en')).toBe(false);
    expect(matchesShortAnswer('.', [{ en: '.' }], 'normalised', 'en')).toBe(false);
  });
});

/** Strings rich in the characters the rules touch, mixed with arbitrary Unicode. */
const trickyText = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme' }),
  fc
    .array(
      fc.constantFrom(
        ...[
          ...'İIıiЁёеЕӘәƏəǝƎäÄӓӒaAаАpрPРcсxхyуBВHНKКMМTТJЈjјsѕhһї',
          '\u0307',
          '\u0308',
          '\u0301',
          ' ',
          '\u00A0',
          '\t',
          '.',
          '\u200B',
          '\u00AD',
          'e\u0301',
          '1',
        ],
      ),
      { maxLength: 24 },
    )
    .map((chars) => chars.join('')),
);

describe('normaliseShortAnswer: properties', () => {
  it('is idempotent', () => {
    fc.assert(
      fc.property(trickyText, fc.constantFrom(...LANGUAGES), (text, language) => {
        const once = normaliseShortAnswer(text, language);
        expect(normaliseShortAnswer(once, language)).toBe(once);
      }),
      { numRuns: 3000 },
    );
  });

  it('yields NFC text with single inner spaces, no spaces at the ends and no trailing full stop', () => {
    fc.assert(
      fc.property(trickyText, fc.constantFrom(...LANGUAGES), (text, language) => {
        const out = normaliseShortAnswer(text, language);
        expect(out.normalize('NFC')).toBe(out);
        expect(out).not.toMatch(/\s\s|^\s|\s$|\.$|[^\S ]/u);
      }),
      { numRuns: 1000 },
    );
  });

  it("is unaffected by case, surrounding spaces and a trailing full stop in the language's own alphabet", () => {
    const alphabets: Record<Language, string> = {
      az: 'abcçdeəfgğhxıijkqlmnoöprsştuüvyz',
      ru: 'абвгдеёжзийклмнопрстуфхцчшщъыьэюя',
      en: 'abcdefghijklmnopqrstuvwxyz',
    };
    const textIn = (language: Language) =>
      fc.array(fc.constantFrom(...alphabets[language], ' ', '-', '1'), { maxLength: 20 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(
        fc.constantFrom(...LANGUAGES).chain((language) => fc.tuple(fc.constant(language), textIn(language))),
        ([language, text]) => {
          const variant = `  ${text.toLocaleUpperCase(language)} .`;
          expect(normaliseShortAnswer(variant, language)).toBe(normaliseShortAnswer(text, language));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('an answer matches itself as an accepted answer, unless blank', () => {
    fc.assert(
      fc.property(trickyText, fc.constantFrom(...LANGUAGES), (text, language) => {
        const matches = matchesShortAnswer(text, [{ [language]: text }], 'normalised', language);
        expect(matches).toBe(normaliseShortAnswer(text, language) !== '' && !isBlankText(text));
        expect(matchesShortAnswer(text, [{ [language]: text }], 'exact', language)).toBe(!isBlankText(text));
      }),
      { numRuns: 1000 },
    );
  });
});
