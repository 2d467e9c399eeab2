import { describe, expect, it } from 'vitest';
import { readReceiptQuery } from './receipt-query';

const read = (query: string) => readReceiptQuery(new URLSearchParams(query));
const HASH = 'n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=';

describe('readReceiptQuery', () => {
  it('shows only the form when nothing was sent', () => {
    expect(read('')).toMatchObject({ submitted: false, errors: {}, query: null });
  });

  it('accepts an index alone, and with a leaf hash and a key', () => {
    expect(read('index=0').query).toEqual({ index: 0, leafHash: '', key: '' });
    const key = 'imtahan.localhost/log+0a1b2c3d+AXv/3+PnX4j0E0aXoZbdZ3cTr7G5Js6bW4mZVYVnqzWm';
    const params = new URLSearchParams({ index: ' 12 ', leafHash: HASH, key });
    expect(readReceiptQuery(params).query).toEqual({ index: 12, leafHash: HASH, key });
  });

  it('turns the spaces a hand-typed "+" becomes back into "+"', () => {
    expect(read(`index=3&leafHash=${HASH}`).query?.leafHash).toBe(HASH);
  });

  it.each([
    ['index=', { index: 'required' }],
    ['leafHash=', { index: 'required' }],
    ['index=abc', { index: 'integer' }],
    ['index=-1', { index: 'integer' }],
    ['index=1.5', { index: 'integer' }],
    ['index=99999999999999999999', { index: 'integer' }],
    ['index=1&leafHash=not*base64', { leafHash: 'base64' }],
    ['index=1&leafHash=abc', { leafHash: 'base64' }],
    ['index=1&leafHash=AAAA', { leafHash: 'length' }],
    ['index=1&key=just-a-name', { key: 'format' }],
    ['index=x&leafHash=%25%25&key=a%2Bb', { index: 'integer', leafHash: 'base64', key: 'format' }],
  ])('%s → %j', (query, errors) => {
    const result = read(query);
    expect(result.submitted).toBe(true);
    expect(result.errors).toEqual(errors);
    expect(result.query).toBeNull();
  });
});
