import { describe, expect, it } from 'vitest';
import { askedPage, pageCount, pageOf } from './paging';

const rows = Array.from({ length: 45 }, (_, i) => i + 1);
const at = (query: string) => new URL(`http://localhost/list${query}`);

describe('pageOf', () => {
  it('cuts the page the URL asks for, with where it stands', () => {
    expect(pageOf(rows, at('?page=2'))).toEqual({
      items: rows.slice(20, 40),
      page: 2,
      pages: 3,
      total: 45,
      from: 21,
      to: 40,
    });
    expect(pageOf(rows, at('?page=3'))).toMatchObject({ items: [41, 42, 43, 44, 45], from: 41, to: 45 });
  });

  it('reads its own parameter and size', () => {
    expect(pageOf(rows, at('?page=3&difPage=2'), { param: 'difPage', size: 10 })).toMatchObject({
      items: rows.slice(10, 20),
      page: 2,
      pages: 5,
    });
  });

  it('clamps a page out of range or not a number to the pages there are', () => {
    expect(pageOf(rows, at('?page=99')).page).toBe(3);
    expect(pageOf(rows, at('?page=-4')).page).toBe(1);
    expect(pageOf(rows, at('?page=abc')).page).toBe(1);
    expect(pageOf(rows, at('?page=2.7')).page).toBe(2);
  });

  it('gives one empty page for an empty list', () => {
    expect(pageOf([], at('?page=5'))).toEqual({ items: [], page: 1, pages: 1, total: 0, from: 0, to: 0 });
  });
});

describe('askedPage', () => {
  it('reads a whole page number from 1, anything else as the first page, without a ceiling', () => {
    expect(askedPage(at(''))).toBe(1);
    expect(askedPage(at('?page=7'))).toBe(7);
    expect(askedPage(at('?page=2.7'))).toBe(2);
    expect(askedPage(at('?page=0'))).toBe(1);
    expect(askedPage(at('?page=-4'))).toBe(1);
    expect(askedPage(at('?page=abc'))).toBe(1);
    expect(askedPage(at('?page=250000'))).toBe(250_000);
    expect(askedPage(at('?difPage=3'), 'difPage')).toBe(3);
  });
});

describe('pageCount', () => {
  it('counts the pages a list fills, one for an empty list', () => {
    expect(pageCount({ total: 45, pageSize: 20 })).toBe(3);
    expect(pageCount({ total: 40, pageSize: 20 })).toBe(2);
    expect(pageCount({ total: 0, pageSize: 20 })).toBe(1);
  });
});
