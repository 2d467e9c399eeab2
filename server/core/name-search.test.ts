import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_QUERY_TOKENS, nameMatches, searchDocument, searchQuery, searchTokens } from './name-search';

const RUNS = { numRuns: 300 };

describe('searchTokens', () => {
  it('folds the issue’s example across scripts, case and diacritics', () => {
    for (const name of ['Əliyev', 'Aliyev', 'ALİYEV', 'əliyev', 'Aliev', 'Алиев', 'АЛИЕВ', 'Әлијев', 'Alíyev'])
      expect(searchTokens(name), name).toEqual(searchTokens('Əliyev'));
  });

  it.each([
    ['Məmmədov', 'Mammadov', 'Мамедов'],
    ['Quliyev', 'Guliyev', 'Кулиев'],
    ['Həsənov', 'Hasanov', 'Гасанов'],
    ['Xəlilov', 'Khalilov', 'Халилов'],
    ['Cəfərov', 'Jafarov', 'Джафаров'],
    ['Çingiz', 'Chingiz', 'Чингиз'],
    ['Şirin', 'Shirin', 'Ширин'],
    ['Yusif', 'Yusif', 'Юсиф'],
    ['Hüseynov', 'Huseynov', 'Гусейнов'],
    ['Rəşid', 'Rashid', 'Рашид'],
    ['Ağayev', 'Aghayev', 'Агаев'],
  ])('%s, %s and %s are one name', (az, latin, cyrillic) => {
    expect(searchTokens(latin)).toEqual(searchTokens(az));
    expect(searchTokens(cyrillic)).toEqual(searchTokens(az));
  });

  it('also accepts the Azerbaijani letters typed without their marks', () => {
    expect(searchTokens('Sahin Cingiz oglu Gulu')).toEqual(searchTokens('Şahin Çingiz oğlu Gülü'));
  });

  it('keeps the feminine form a different name, which a query for the masculine finds by prefix', () => {
    expect(searchTokens('Алиева')).toEqual(searchTokens('Əliyeva'));
    expect(searchTokens('Алиева')).not.toEqual(searchTokens('Əliyev'));
    expect(nameMatches('Əliyeva Nərmin', 'Aliyev')).toBe(true);
    expect(nameMatches('Əliyev Nərmin', 'Алиева')).toBe(false);
  });

  it('splits on spaces, hyphens and punctuation, drops apostrophes, keeps digits, and drops repeats', () => {
    expect(searchTokens('İlqar Əliyev-Həsənli, (Baku) 2026')).toEqual(['ilkar', 'aliav', 'kasanli', 'baku', '2026']);
    expect(searchTokens("O'Brien ")).toEqual(['obrian']);
    expect(searchTokens('Əli Əli')).toEqual(['ali']);
    expect(searchTokens('  ,; ')).toEqual([]);
  });

  it('tells different names apart', () => {
    for (const [a, b] of [
      ['Əliyev', 'Məmmədov'],
      ['Nərmin', 'Nigar'],
      ['Rəşid', 'Rəsul'],
      ['Qasımov', 'Babayev'],
    ] as const)
      expect(searchTokens(a)).not.toEqual(searchTokens(b));
  });
});

describe('searchQuery', () => {
  it('is a prefix query of every token, or null for a query without a token', () => {
    expect(searchQuery('Алиев Нар')).toBe('aliav:* & nar:*');
    expect(searchQuery(" & | ! ' : * ( ) ")).toBeNull();
    expect(searchQuery('')).toBeNull();
  });

  it('uses at most the first few tokens', () => {
    const query = Array.from({ length: 20 }, (_, i) => `w${i}`).join(' ');
    expect(searchQuery(query)!.split(' & ')).toHaveLength(MAX_QUERY_TOKENS);
  });
});

describe('searchDocument', () => {
  it('joins the tokens of every text once', () => {
    expect(searchDocument('Əliyev Nərmin', 'Алиев Нармин', 'Aliyev')).toBe('aliav narmin');
  });
});

// Names built the way Azerbaijani names are: consonant-vowel syllables, so no transliteration digraph
// (sh, ch, kh …) is formed across letters by accident.
const AZ_CONSONANTS = [
  'b',
  'c',
  'ç',
  'd',
  'f',
  'g',
  'ğ',
  'h',
  'x',
  'j',
  'k',
  'q',
  'l',
  'm',
  'n',
  'p',
  'r',
  's',
  'ş',
  't',
  'v',
  'y',
  'z',
];
const AZ_VOWELS = ['a', 'ə', 'e', 'ı', 'i', 'o', 'ö', 'u', 'ü'];
const syllable = fc.tuple(fc.constantFrom(...AZ_CONSONANTS), fc.constantFrom(...AZ_VOWELS)).map(([c, v]) => c + v);
const azWord = fc
  .tuple(fc.constantFrom('', ...AZ_VOWELS), fc.array(syllable, { minLength: 1, maxLength: 4 }))
  .map(([start, rest]) => start + rest.join(''));
const azName = fc.array(azWord, { minLength: 1, maxLength: 3 }).map((words) => words.join(' '));

/** Azerbaijani Latin to Russian Cyrillic, as names are written in Russian documents. */
const TO_RUSSIAN: Record<string, string> = {
  a: 'а',
  ə: 'а',
  e: 'е',
  ı: 'ы',
  i: 'и',
  o: 'о',
  ö: 'о',
  u: 'у',
  ü: 'у',
  b: 'б',
  c: 'дж',
  ç: 'ч',
  d: 'д',
  f: 'ф',
  g: 'г',
  ğ: 'г',
  h: 'г',
  x: 'х',
  j: 'ж',
  k: 'к',
  q: 'к',
  l: 'л',
  m: 'м',
  n: 'н',
  p: 'п',
  r: 'р',
  s: 'с',
  ş: 'ш',
  t: 'т',
  v: 'в',
  y: 'й',
  z: 'з',
  ' ': ' ',
};
/** Azerbaijani Latin to the Cyrillic Azerbaijani alphabet (1939–1991). */
const TO_AZ_CYRILLIC: Record<string, string> = {
  ...TO_RUSSIAN,
  ə: 'ә',
  ı: 'ы',
  ö: 'ө',
  ü: 'ү',
  c: 'ҹ',
  g: 'ҝ',
  ğ: 'ғ',
  h: 'һ',
  q: 'г',
  y: 'ј',
  e: 'е',
};
/** Azerbaijani Latin to the English-style transliteration of passports and the press. */
const TO_ENGLISH: Record<string, string> = {
  ə: 'a',
  ı: 'i',
  ö: 'o',
  ü: 'u',
  c: 'j',
  ç: 'ch',
  ğ: 'gh',
  ş: 'sh',
  x: 'kh',
  q: 'g',
  j: 'zh',
};
const write = (table: Record<string, string>, name: string) => [...name].map((ch) => table[ch] ?? ch).join('');

describe('searchTokens properties', () => {
  it('gives only tokens of a–z and 0–9, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.string({ maxLength: 40 }), (a, b) => {
        for (const token of searchTokens(a + b)) expect(token).toMatch(/^[a-z0-9]+$/);
        const query = searchQuery(a + b);
        if (query) expect(query).toMatch(/^[a-z0-9]+:\*( & [a-z0-9]+:\*)*$/);
      }),
      RUNS,
    );
  });

  it('folds an Azerbaijani name, its Russian, Azerbaijani Cyrillic and English spellings alike', () => {
    fc.assert(
      fc.property(azName, (name) => {
        const tokens = searchTokens(name);
        expect(searchTokens(write(TO_RUSSIAN, name))).toEqual(tokens);
        expect(searchTokens(write(TO_AZ_CYRILLIC, name))).toEqual(tokens);
        expect(searchTokens(write(TO_ENGLISH, name))).toEqual(tokens);
      }),
      RUNS,
    );
  });

  it('ignores case and added diacritics', () => {
    const marks = fc.constantFrom('\u0301', '\u0300', '\u0308', '\u0302', '\u0327');
    fc.assert(
      fc.property(azName, fc.array(marks, { maxLength: 5 }), fc.nat(), (name, added, at) => {
        const tokens = searchTokens(name);
        expect(searchTokens(name.toLocaleUpperCase('az'))).toEqual(tokens);
        expect(searchTokens(name.toUpperCase())).toEqual(tokens);
        expect(searchTokens(write(TO_RUSSIAN, name).toUpperCase())).toEqual(tokens);
        // Marks on the vowels of a name typed on an English keyboard.
        const plain = write(TO_ENGLISH, name);
        const vowels = [...plain.matchAll(/[aeiou]/g)].map((m) => m.index);
        const i = vowels[at % vowels.length]!;
        const marked = plain.slice(0, i + 1) + added.join('') + plain.slice(i + 1);
        expect(searchTokens(marked)).toEqual(tokens);
      }),
      RUNS,
    );
  });

  it('matches a name with any beginning of it, in any script', () => {
    fc.assert(
      fc.property(azName, fc.nat(), (name, cut) => {
        const typed = name.slice(0, 1 + (cut % name.length));
        expect(nameMatches(name, typed)).toBe(true);
        expect(nameMatches(write(TO_RUSSIAN, name), typed)).toBe(true);
        expect(nameMatches(name, write(TO_RUSSIAN, typed))).toBe(true);
        expect(nameMatches(name, write(TO_ENGLISH, typed))).toBe(true);
      }),
      RUNS,
    );
  });

  it('matches a query of the name’s words in any order, and an empty query matches everything', () => {
    fc.assert(
      fc.property(azName, (name) => {
        expect(nameMatches(name, name.split(' ').reverse().join(' '))).toBe(true);
        expect(nameMatches(name, '')).toBe(true);
      }),
      RUNS,
    );
  });
});
