import { describe, expect, it } from 'vitest';
import { buildSitting, emptySitting } from './sitting-form';

const form = (overrides: Partial<ReturnType<typeof emptySitting>>) => ({
  ...emptySitting('AB', '00000000-0000-4000-8000-000000000000'),
  code: 'T-1',
  date: '2027-03-10',
  bookingCloses: '2027-03-09T20:00',
  rooms: [{ name: 'Zal 1', capacity: '30' }],
  ...overrides,
});

describe('buildSitting', () => {
  it('reads Baku times on the sitting day', () => {
    const { body, errors } = buildSitting(form({ startTime: '10:00', entryCloses: '30', endTime: '13:30' }));
    expect(errors).toEqual({});
    expect(body.startsAt).toBe('2027-03-10T06:00:00.000Z');
    expect(body.entryClosesAt).toBe('2027-03-10T06:30:00.000Z');
    expect(body.endsAt).toBe('2027-03-10T09:30:00.000Z');
  });

  it('keeps an end earlier than the start on the sitting day, for the server to refuse: never the next day', () => {
    const { body } = buildSitting(form({ startTime: '13:30', entryCloses: '30', endTime: '10:00' }));
    expect(body.startsAt).toBe('2027-03-10T09:30:00.000Z');
    expect(body.endsAt).toBe('2027-03-10T06:00:00.000Z');
    expect(new Date(body.endsAt).getTime()).toBeLessThan(new Date(body.startsAt).getTime());
  });

  it('keeps an end equal to the start on the same day, for the server to refuse by name', () => {
    const { body } = buildSitting(form({ startTime: '10:00', entryCloses: '10', endTime: '10:00' }));
    expect(body.endsAt).toBe(body.startsAt);
  });
});
