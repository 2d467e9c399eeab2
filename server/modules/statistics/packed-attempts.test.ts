import { serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { seededRandom, type StatAttempt } from '../../core/item-statistics/index';
import {
  AttemptPacker,
  PACKED_BYTES_PER_ATTEMPT,
  PACKED_BYTES_PER_RESPONSE,
  packAttempts,
  packedBuffers,
  unpackAttempts,
} from './packed-attempts';

const uuid = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;

/** `n` attempts on `k` items as the service reads them: uuid ids, one chosen option each, some unanswered. */
function attempts(n: number, k: number): StatAttempt[] {
  const random = seededRandom(7);
  return Array.from({ length: n }, (_, a) => ({
    id: uuid(100_000 + a),
    language: a % 3 === 0 ? 'ru' : 'az',
    responses: Array.from({ length: k }, (_, i) => {
      const right = random() < 0.6;
      return {
        item: uuid(i),
        mark: right ? 1 : 0,
        chosen: random() < 0.05 ? null : [right ? 'a' : ['b', 'c', 'd'][Math.floor(random() * 3)]!],
      };
    }),
  }));
}

describe('packed attempts', () => {
  it('give back exactly the attempts they were made from', () => {
    const given: StatAttempt[] = [
      {
        id: 'A',
        language: 'az',
        form: 'S-1',
        responses: [
          { item: 'q1', mark: 0.5, chosen: ['b', 'a'] },
          { item: 'q2', mark: 0, chosen: [] },
          { item: 'q3', mark: 1, chosen: null },
        ],
      },
      {
        id: 'B',
        form: 'S-2',
        responses: [
          { item: 'q3', mark: 0.25, chosen: ['a', 'b'] },
          { item: 'q1', mark: 1, chosen: ['b', 'a'] },
          { item: 'q2', mark: 0, chosen: null },
          { item: 'q2', mark: -0, chosen: null },
        ],
      },
      { id: 'C', responses: [{ item: 'q1', mark: 1 / 3, chosen: ['c'] }] },
      ...attempts(40, 7),
    ];
    expect(unpackAttempts(packAttempts(given))).toEqual(given);
  });

  it('give back one shared object for the responses alike, and one chosen list for the same options', () => {
    const unpacked = unpackAttempts(packAttempts(attempts(200, 5)));
    const responses = unpacked.flatMap((a) => a.responses);
    const chosenA = responses.map((r) => r.chosen).filter((c) => c?.[0] === 'a');
    expect(chosenA.length).toBeGreaterThan(100);
    expect(new Set(chosenA).size).toBe(1);
    // 5 items × (right with a, wrong with b, c or d, or unanswered either way): at most 30 kinds, of 1,000.
    expect(new Set(responses).size).toBeLessThanOrEqual(30);
    expect(new Set(responses.map((r) => JSON.stringify(r))).size).toBe(new Set(responses).size);
  });

  it('keep the attempts of one paper length, counted by group', () => {
    const packer = new AttemptPacker();
    const az = packer.group({ language: 'az' });
    const ru = packer.group({ language: 'ru' });
    const response = (item: string) => ({ item, mark: 1, chosen: ['a'] });
    packer.add('A', az, ['q1', 'q2'].map(response));
    packer.add('B', ru, ['q1'].map(response));
    packer.add('C', ru, ['q2', 'q1'].map(response));
    packer.add('D', az, ['q1', 'q2', 'q3'].map(response));
    expect(packer.lengths()).toEqual(
      new Map([
        [2, 2],
        [1, 1],
        [3, 1],
      ]),
    );
    const { packed, perGroup } = packer.pack(2);
    expect(perGroup).toEqual([1, 1]);
    expect(unpackAttempts(packed)).toEqual([
      { id: 'A', language: 'az', responses: ['q1', 'q2'].map(response) },
      { id: 'C', language: 'ru', responses: ['q2', 'q1'].map(response) },
    ]);
  });

  it('cost a fixed number of bytes per response, whatever the ids and options weigh', () => {
    const given = attempts(1_000, 100);
    const packed = packAttempts(given);
    const responses = 1_000 * 100;
    const arrays = packedBuffers(packed).reduce((sum, b) => sum + b.byteLength, 0);
    expect(arrays).toBe(responses * PACKED_BYTES_PER_RESPONSE + 1_000 * PACKED_BYTES_PER_ATTEMPT + 4);
    // What is copied to the thread besides the moved arrays: the attempts' ids and the small tables.
    const copied = serialize({ ...packed, group: null, start: null, item: null, chosen: null, mark: null }).length;
    expect(copied).toBeLessThan(1_000 * 48 + 100 * 48 + 1_024);
    // As objects, the same attempts take more than three times the bytes to hand over.
    expect(serialize(given).length).toBeGreaterThan(3 * (arrays + copied));
  });
});
