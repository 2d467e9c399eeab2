import { describe, expect, it } from 'vitest';
import type { Analysis, ItemRow } from './api';
import { analysisPage, PAGE_SIZES, pageHref, sortDif, sortItems } from './paging';

/** An item row with the measures the sorts read; the rest is what the table needs and no more. */
function row(id: string, section: number, facility: number | null, flags = 0): ItemRow {
  return {
    item: id,
    section,
    annulled: false,
    attempts: 100,
    facility,
    sd: null,
    randomGuessScore: null,
    intendedWeight: 1,
    effectiveWeight: null,
    discriminationIndex: null,
    discriminativeEfficiency: null,
    upperFacility: null,
    lowerFacility: null,
    upperLowerDiscrimination: null,
    omitted: 0,
    options: [],
    flags: Array.from({ length: flags }, () => ({ code: 'too-easy' as const })),
  };
}

/** `count` items in two sections, positions 1… in each, facility falling with the position; DIF on every item. */
function analysis(count: number): Analysis {
  const items = Array.from({ length: count }, (_, k) => row(`v${k}`, k % 2, 1 - k / count, k % 7 === 0 ? 2 : 0));
  const classes = ['A', 'B', 'C', null] as const;
  return {
    language: null,
    sectionTitles: [],
    labels: Object.fromEntries(
      items.map((item, k) => [item.item, { questionId: `q${k}`, label: `Question ${k}`, positions: [k + 1] }]),
    ),
    test: {
      attempts: 100,
      maxMark: count,
      mean: null,
      median: null,
      sd: null,
      skewness: null,
      kurtosis: null,
      cic: null,
      cicLower: null,
      cicUpper: null,
      errorRatio: null,
      standardError: null,
    },
    sections: [],
    items,
    dif: items.map((item, k) => ({
      item: item.item,
      reference: 'az',
      focal: 'ru',
      nReference: 50,
      nFocal: 50,
      alphaMH: null,
      dDif: k % 5 === 0 ? null : -k / 10,
      se: null,
      chiSquare: null,
      p: null,
      class: classes[k % 4]!,
    })),
    positions: Array.from({ length: count > 0 ? 23 : 0 }, (_, slot) => ({
      slot,
      section: 0,
      variants: [items[slot % count]!, items[(slot + 1) % count]!].map((i) => ({
        item: i.item,
        attempts: 50,
        facility: 0.5,
      })),
      f: null,
      df1: 1,
      df2: 98,
      p: null,
    })),
    forms: null,
    histogram: [],
  };
}

const url = (query: string) => new URL(`http://localhost/statistics/x${query}`);

describe('a page of the item statistics', () => {
  it('sorts every item before paging, so each page continues the last, and every item is on exactly one page', () => {
    const whole = analysis(60);
    const order = sortItems(whole, 'facility', 'asc').map((i) => i.item);
    const pages = [1, 2, 3].map((page) => analysisPage(whole, url(`?sort=facility&dir=asc&page=${page}`)));
    expect(pages.flatMap((p) => p.analysis.items.map((i) => i.item))).toEqual(order);
    expect(pages.map((p) => p.analysis.items.length)).toEqual([PAGE_SIZES.items, PAGE_SIZES.items, 10]);
    expect(pages[2]!.paging.items).toEqual({ page: 3, pages: 3, total: 60, from: 51, to: 60 });
    // Ascending facility: the hardest first.
    expect(order[0]).toBe('v59');
  });

  it('sorts by position within section by default, and by the flags’ count when asked', () => {
    const whole = analysis(30);
    const page = analysisPage(whole, url(''));
    expect(page).toMatchObject({ sort: 'position', dir: 'asc' });
    expect(page.analysis.items.slice(0, 3).map((i) => i.item)).toEqual(['v0', 'v2', 'v4']);
    const flagged = analysisPage(whole, url('?sort=flags&dir=desc')).analysis.items.slice(0, 5);
    // Descending turns the ties' order by position round too, as the table always has.
    expect(flagged.map((i) => i.item)).toEqual(['v28', 'v21', 'v14', 'v7', 'v0']);
  });

  it('clamps a page out of range or unreadable to the nearest page', () => {
    const whole = analysis(60);
    expect(analysisPage(whole, url('?page=99')).paging.items.page).toBe(3);
    expect(analysisPage(whole, url('?page=-4')).paging.items.page).toBe(1);
    expect(analysisPage(whole, url('?page=two')).paging.items.page).toBe(1);
    expect(analysisPage(whole, url('?positionsPage=9')).paging.positions).toMatchObject({ page: 3, from: 21, to: 23 });
  });

  it('has an empty table as one empty page', () => {
    const empty = analysis(0);
    expect(analysisPage(empty, url('?page=2')).paging.items).toEqual({ page: 1, pages: 1, total: 0, from: 0, to: 0 });
  });

  it('sends only the labels of the items the page names', () => {
    const page = analysisPage(analysis(60), url('?page=2&difPage=3&positionsPage=1'));
    const named = new Set([
      ...page.analysis.items.map((i) => i.item),
      ...page.analysis.dif.map((r) => r.item),
      ...page.analysis.positions.flatMap((p) => p.variants.map((v) => v.item)),
    ]);
    expect(new Set(Object.keys(page.analysis.labels))).toEqual(named);
    expect(named.size).toBeLessThan(60);
  });

  it('lists DIF class C first, then B, then A, each by the size of D-DIF, and links each row to its item’s page', () => {
    const whole = analysis(60);
    const sorted = sortDif(whole.dif);
    expect(sorted.map((r) => r.class)).toEqual([...sorted.map((r) => r.class)].sort((x, y) => rank(x) - rank(y)));
    const c = sorted.filter((r) => r.class === 'C').map((r) => Math.abs(r.dDif ?? 0));
    expect(c).toEqual([...c].sort((x, y) => y - x));

    const page = analysisPage(whole, url('?sort=facility&dir=desc&difPage=2'));
    const order = sortItems(whole, 'facility', 'desc').map((i) => i.item);
    for (const r of page.analysis.dif) {
      const itemPage = page.itemPages[r.item]!;
      expect(order.slice((itemPage - 1) * PAGE_SIZES.items, itemPage * PAGE_SIZES.items)).toContain(r.item);
    }
  });

  it('links to another page of one table, keeping the others, the order, and no page 1 in the address', () => {
    const current = { sort: 'facility', dir: 'desc', page: 2, difPage: 1, positionsPage: 3 };
    expect(pageHref('/statistics/x', current, { page: 3 }, 'items')).toBe(
      '/statistics/x?sort=facility&dir=desc&page=3&positionsPage=3#items',
    );
    expect(pageHref('/statistics/x', current, { positionsPage: 1 }, 'positions')).toBe(
      '/statistics/x?sort=facility&dir=desc&page=2#positions',
    );
  });
});

const rank = (c: string | null) => ({ C: 0, B: 1, A: 2 })[c ?? ''] ?? 3;
