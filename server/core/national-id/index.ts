import { azFin } from './az-fin';
import { kzIin } from './kz-iin';
import type { NationalIdProblem, NationalIdScheme } from './scheme';

export type { NationalIdProblem, NationalIdScheme } from './scheme';
export { iinCheckDigit } from './kz-iin';

const ALL_SCHEMES: readonly NationalIdScheme[] = [azFin, kzIin];

export type NationalIdCheck =
  { ok: true; scheme: string; value: string } | { ok: false; problem: NationalIdProblem | 'scheme' };

/** The validators enabled for this installation, in the order given. Unknown codes fail fast. */
export function nationalIdRegistry(enabled: readonly string[]) {
  const schemes = enabled.map((code) => {
    const scheme = ALL_SCHEMES.find((s) => s.code === code);
    if (!scheme) throw new Error(`Unknown national ID scheme: ${code}`);
    return scheme;
  });
  return {
    schemes,
    check(schemeCode: string, input: string): NationalIdCheck {
      const scheme = schemes.find((s) => s.code === schemeCode);
      if (!scheme) return { ok: false, problem: 'scheme' };
      if (input.length > scheme.maxInputLength) return { ok: false, problem: 'length' };
      const value = scheme.normalise(input);
      const problem = scheme.problem(value);
      return problem ? { ok: false, problem } : { ok: true, scheme: scheme.code, value };
    },
  };
}

export type NationalIdRegistry = ReturnType<typeof nationalIdRegistry>;
