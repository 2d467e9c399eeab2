/**
 * One page of an analysis, as the statistics pages render it: the item table in the examiner's order, a page of
 * it at a time, and the long tables (DIF, variants at each position) paged on their own. A demo blueprint's
 * analysis has some four hundred items, each with its options; rendered whole it is a page a phone cannot carry.
 * The page numbers are in the URL (`page`, `difPage`, `positionsPage`), so every row is a link away, without
 * JavaScript too. Pure: the pages' loads call it, and only what one page shows is sent to the browser.
 */
import type { Analysis, ItemRow } from './api';
import { pageOf, type Paging } from '../../paging';
import { isSortKey, type SortKey } from './format';

/** Rows per page: the item table (each with its options below), the DIF table, the positions table. */
export const PAGE_SIZES = { items: 25, dif: 25, positions: 10 } as const;

/** The URL parameter of each table's page. */
export const PAGE_PARAMS = { items: 'page', dif: 'difPage', positions: 'positionsPage' } as const;

export type PagedTable = keyof typeof PAGE_SIZES;

export interface AnalysisPage {
  /** The analysis with only this page's items, DIF rows and positions, and the labels they name. */
  analysis: Analysis;
  sort: SortKey;
  dir: 'asc' | 'desc';
  paging: Record<PagedTable, Paging>;
  /** The item-table page (in this order) of each item the DIF page names, for its link to the item. */
  itemPages: Record<string, number>;
}

/** The item table's order: by `sort`, ties by position on the paper, `dir` either way (none last when ascending). */
export function sortItems(analysis: Analysis, sort: SortKey, dir: 'asc' | 'desc'): ItemRow[] {
  const position = (item: ItemRow) => analysis.labels[item.item]?.positions[0] ?? 0;
  const value = (item: ItemRow): number => {
    if (sort === 'position') return item.section * 10_000 + position(item);
    if (sort === 'flags') return item.flags.length;
    return item[sort] ?? Number.NEGATIVE_INFINITY;
  };
  return [...analysis.items].sort((a, b) => {
    const d = value(a) - value(b) || position(a) - position(b);
    return dir === 'asc' ? d : -d;
  });
}

const DIF_SEVERITY: Record<string, number> = { C: 0, B: 1, A: 2 };

/** The DIF rows as an examiner reads them: class C first, then B, then A, each by the size of the difference. */
export function sortDif(dif: Analysis['dif']): Analysis['dif'] {
  return [...dif].sort(
    (x, y) =>
      (DIF_SEVERITY[x.class ?? ''] ?? 3) - (DIF_SEVERITY[y.class ?? ''] ?? 3) ||
      Math.abs(y.dDif ?? 0) - Math.abs(x.dDif ?? 0),
  );
}

/** The page of `analysis` that `url` asks for (its sort, direction and pages); out-of-range pages are clamped. */
export function analysisPage(analysis: Analysis, url: URL): AnalysisPage {
  const sortParam = url.searchParams.get('sort');
  const sort: SortKey = isSortKey(sortParam) ? sortParam : 'position';
  const dir: 'asc' | 'desc' = url.searchParams.get('dir') === 'desc' ? 'desc' : 'asc';

  const sorted = sortItems(analysis, sort, dir);
  const page = <T>(rows: readonly T[], table: PagedTable) => {
    const { items: shown, ...paging } = pageOf(rows, url, { param: PAGE_PARAMS[table], size: PAGE_SIZES[table] });
    return { rows: shown, paging };
  };
  const items = page(sorted, 'items');
  const dif = page(sortDif(analysis.dif), 'dif');
  const positions = page(analysis.positions, 'positions');

  const itemPages: Record<string, number> = {};
  const indexOf = new Map(sorted.map((item, index) => [item.item, index]));
  for (const row of dif.rows) {
    const index = indexOf.get(row.item);
    if (index !== undefined) itemPages[row.item] = Math.floor(index / PAGE_SIZES.items) + 1;
  }

  const named = new Set<string>([
    ...items.rows.map((i) => i.item),
    ...dif.rows.map((r) => r.item),
    ...positions.rows.flatMap((p) => p.variants.map((v) => v.item)),
  ]);
  const labels = Object.fromEntries(Object.entries(analysis.labels).filter(([id]) => named.has(id)));
  return {
    analysis: { ...analysis, items: items.rows, dif: dif.rows, positions: positions.rows, labels },
    sort,
    dir,
    paging: { items: items.paging, dif: dif.paging, positions: positions.paging },
    itemPages,
  };
}

/**
 * A link to this page with `changes` to its query (null drops a parameter), keeping the rest, and a fragment.
 * `here` is the page's resolved path.
 */
export function pageHref(
  here: string,
  current: Record<string, string | number>,
  changes: Record<string, string | number | null>,
  fragment: string,
): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...current, ...changes })) {
    if (value !== null && value !== '' && !(key in PAGE_PARAMS_SET && value === 1)) query.set(key, String(value));
  }
  const search = query.toString();
  return `${here}${search ? `?${search}` : ''}#${fragment}`;
}

const PAGE_PARAMS_SET: Record<string, true> = Object.fromEntries(Object.values(PAGE_PARAMS).map((p) => [p, true]));
