import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { iinCheckDigit, nationalIdRegistry } from './index';

const registry = nationalIdRegistry(['AZ_FIN', 'KZ_IIN']);

describe('AZ_FIN', () => {
  it.each([
    ['5ZK7A2B', '5ZK7A2B'],
    ['5zk7a2b', '5ZK7A2B'],
    [' 12 3 4567 ', '1234567'],
  ])('accepts %j as %s', (input, expected) => {
    expect(registry.check('AZ_FIN', input)).toEqual({ ok: true, scheme: 'AZ_FIN', value: expected });
  });

  it.each([
    ['123456', 'length'],
    ['12345678', 'length'],
    ['1234I67', 'characters'],
    ['O234567', 'characters'],
    ['12345Ə7', 'characters'],
    ['12_4567', 'characters'],
  ])('rejects %j (%s)', (input, problem) => {
    expect(registry.check('AZ_FIN', input)).toEqual({ ok: false, problem });
  });

  it('accepts exactly the 34-character alphabet', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 7, maxLength: 7, unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789') }),
        (s) => {
          const result = registry.check('AZ_FIN', s);
          expect(result.ok).toBe(!/[IO]/.test(s));
        },
      ),
    );
  });
});

describe('KZ_IIN', () => {
  // Check digits worked by hand: 8 7 0 4 1 2 3 0 0 0 1 → Σ d·i (i=1..11) = 8+14+0+16+5+12+21+0+0+0+11 = 87, 87 mod 11 = 10,
  // so the second weights apply: 24+28+0+24+7+16+27+0+0+0+2 = 128, 128 mod 11 = 7.
  it('computes the check digit with the fallback weights', () => {
    expect(iinCheckDigit([8, 7, 0, 4, 1, 2, 3, 0, 0, 0, 1])).toBe(7);
  });
  // 9 5 0 3 1 5 4 0 0 0 1 → 9+10+0+12+5+30+28+0+0+0+11 = 105, 105 mod 11 = 6.
  it('computes the check digit with the first weights', () => {
    expect(iinCheckDigit([9, 5, 0, 3, 1, 5, 4, 0, 0, 0, 1])).toBe(6);
  });

  it('accepts valid IINs', () => {
    expect(registry.check('KZ_IIN', '870412300017')).toEqual({ ok: true, scheme: 'KZ_IIN', value: '870412300017' });
    expect(registry.check('KZ_IIN', '950315 400016')).toEqual({ ok: true, scheme: 'KZ_IIN', value: '950315400016' });
  });

  it.each([
    ['95031540001', 'length'],
    ['9503154000166', 'length'],
    ['95031540001A', 'characters'],
    ['950315400017', 'checksum'],
    ['951315400016', 'date'],
    ['950332400016', 'date'],
    ['950315000016', 'date'],
  ])('rejects %j (%s)', (input, problem) => {
    expect(registry.check('KZ_IIN', input)).toEqual({ ok: false, problem });
  });

  it('accepts exactly one check digit for every valid prefix', () => {
    const prefix = fc.tuple(
      fc.integer({ min: 0, max: 99 }),
      fc.integer({ min: 1, max: 12 }),
      fc.integer({ min: 1, max: 28 }),
      fc.integer({ min: 1, max: 6 }),
      fc.integer({ min: 0, max: 9999 }),
    );
    fc.assert(
      fc.property(prefix, ([yy, mm, dd, c, serial]) => {
        const head = [yy, mm, dd].map((n) => String(n).padStart(2, '0')).join('') + c + String(serial).padStart(4, '0');
        const accepted = [...'0123456789'].filter((d) => registry.check('KZ_IIN', head + d).ok);
        const expected = iinCheckDigit([...head].map(Number));
        expect(accepted).toEqual(expected === null ? [] : [String(expected)]);
      }),
    );
  });
});

describe('registry', () => {
  it('rejects an unknown or disabled scheme', () => {
    expect(registry.check('XX_ID', '1')).toEqual({ ok: false, problem: 'scheme' });
    expect(nationalIdRegistry(['AZ_FIN']).check('KZ_IIN', '870412300017')).toEqual({ ok: false, problem: 'scheme' });
  });
  it('rejects oversized input before normalising', () => {
    expect(registry.check('AZ_FIN', 'A'.repeat(1000))).toEqual({ ok: false, problem: 'length' });
  });
  it('fails fast on an unknown configured scheme', () => {
    expect(() => nationalIdRegistry(['AZ_FIN', 'NOPE'])).toThrow(/NOPE/);
  });
});
