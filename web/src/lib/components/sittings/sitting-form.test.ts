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

  it('puts an end earlier than the start on the next day: a shift past midnight', () => {
    const { body } = buildSitting(form({ startTime: '23:50', entryCloses: '00:05', endTime: '00:20' }));
    expect(body.startsAt).toBe('2027-03-10T19:50:00.000Z');
    expect(body.entryClosesAt).toBe('2027-03-10T20:05:00.000Z');
    expect(body.endsAt).toBe('2027-03-10T20:20:00.000Z');
  });

  it('keeps an end equal to the start on the same day, for the server to refuse by name', () => {
    const { body } = buildSitting(form({ startTime: '10:00', entryCloses: '10', endTime: '10:00' }));
    expect(body.endsAt).toBe(body.startsAt);
  });
});
