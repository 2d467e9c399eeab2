import type { NationalIdScheme } from './scheme';

const FIRST_WEIGHTS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const SECOND_WEIGHTS = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

/**
 * The IIN check digit: a weighted sum modulo 11; a remainder of 10 means "weigh again with the
 * shifted weights", and a second 10 means the number was never issued. Returns null in that case.
 */
export function iinCheckDigit(first11: readonly number[]): number | null {
  const weigh = (weights: number[]) => first11.reduce((sum, d, i) => sum + d * weights[i]!, 0) % 11;
  const first = weigh(FIRST_WEIGHTS);
  if (first !== 10) return first;
  const second = weigh(SECOND_WEIGHTS);
  return second === 10 ? null : second;
}

/**
 * Kazakhstan's IIN (жеке сәйкестендіру нөмірі): 12 digits, YYMMDD of birth, a century-and-sex
 * digit, a serial and a check digit.
 */
export const kzIin: NationalIdScheme = {
  code: 'KZ_IIN',
  country: 'KZ',
  maxInputLength: 32,
  normalise: (input) => input.replace(/[\s-]/g, ''),
  problem(iin) {
    if (!/^\d*$/.test(iin)) return 'characters';
    if (iin.length !== 12) return 'length';
    const digits = [...iin].map(Number);
    const month = digits[2]! * 10 + digits[3]!;
    const day = digits[4]! * 10 + digits[5]!;
    if (month < 1 || month > 12 || day < 1 || day > 31) return 'date';
    // The 7th digit encodes century and sex (1–6); 0 is used for legal entities' BINs, not people.
    if (digits[6]! < 1 || digits[6]! > 6) return 'date';
    return iinCheckDigit(digits.slice(0, 11)) === digits[11] ? null : 'checksum';
  },
};
