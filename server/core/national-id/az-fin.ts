import type { NationalIdScheme } from './scheme';

/**
 * Azerbaijan's FİN (fərdi identifikasiya nömrəsi): 7 characters of digits and Latin capitals.
 * The FİN alphabet leaves out I and O, which would be read as 1 and 0.
 * It has no check digit, so only shape can be validated.
 */
export const azFin: NationalIdScheme = {
  code: 'AZ_FIN',
  country: 'AZ',
  maxInputLength: 32,
  normalise: (input) => input.replace(/[\s-]/g, '').toUpperCase(),
  problem(fin) {
    if (fin.length !== 7) return 'length';
    if (!/^[0-9A-HJ-NP-Z]{7}$/.test(fin)) return 'characters';
    return null;
  },
};
