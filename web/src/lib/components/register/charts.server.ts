/**
 * The statistics page's charts, drawn by Vega-Lite and rendered to SVG on the server (Vega's
 * headless `toSVG`, no browser or canvas), so they show without JavaScript.
 *
 * Each chart is an image with an accessible name; the data table beside it is its text equivalent.
 * Colours: ink and the marks' colours are at least 4.5:1 (text) and 3:1 (marks) on white (WCAG 2.2 AA).
 */
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { Locale } from '$lib/i18n';

/** Each at least 4.5:1 on white, and told apart by more than hue in the table beside the chart. */
export const SERIES_COLOURS = ['#123f63', '#b3261e', '#1d6b3a', '#5a2d82', '#7a4a00', '#005f73'] as const;
const INK = '#1b1f24';
const GRID = '#c9d0d9';
const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif';

const CONFIG = {
  aria: false,
  background: '#ffffff',
  font: FONT,
  view: { stroke: null },
  axis: {
    labelColor: INK,
    titleColor: INK,
    domainColor: INK,
    tickColor: INK,
    gridColor: GRID,
    labelFontSize: 12,
    titleFontSize: 12,
    titleFontWeight: 600,
  },
  legend: { labelColor: INK, titleColor: INK, labelFontSize: 12, titleFontSize: 12 },
  bar: { color: SERIES_COLOURS[0] },
};

/** Number formatting as the page shows it: a comma for decimals in Azerbaijani and Russian. */
function numberLocale(locale: Locale) {
  return locale === 'en'
    ? { decimal: '.', thousands: ',', grouping: [3], currency: ['', ''] }
    : { decimal: ',', thousands: '\u00a0', grouping: [3], currency: ['', ''], percent: '\u00a0%' };
}

/** Vega builds its formatters from d3-format definitions; `locale` is exported at run time, not in its types. */
const vegaLocale = (vega as unknown as { locale: (number: object) => vega.LocaleFormatters }).locale;
const formatters = (locale: Locale) => vegaLocale(numberLocale(locale));

function escapeAttribute(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');
}

/**
 * Renders a Vega-Lite spec to an SVG string that is one image named `label`: Vega's own ARIA roles
 * inside are dropped (the table carries the data), and the size follows the page's width.
 */
export async function renderChart(spec: TopLevelSpec, label: string, locale: Locale): Promise<string> {
  const compiled = compile({ ...spec, config: { ...CONFIG, ...(spec.config ?? {}) } } as TopLevelSpec).spec;
  const view = new vega.View(vega.parse(compiled), {
    renderer: 'none',
    locale: formatters(locale),
  });
  try {
    const svg = await view.toSVG();
    return svg
      .replace(/\s(role|aria-roledescription|aria-label)="[^"]*"/g, '')
      .replace(/\saria-hidden="true"/g, '')
      .replace('<svg ', `<svg role="img" aria-label="${escapeAttribute(label)}" focusable="false" `);
  } finally {
    view.finalize();
  }
}

export interface BarDatum {
  label: string;
  value: number;
}

/** Horizontal bars, one per category label, longest first as given (e.g. appointments per agency). */
export function horizontalBars(data: BarDatum[], titles: { label: string; value: string }): TopLevelSpec {
  return {
    width: 480,
    height: { step: 28 },
    data: { values: data },
    mark: { type: 'bar' },
    encoding: {
      y: { field: 'label', type: 'nominal', sort: null, title: titles.label, axis: { labelLimit: 260 } },
      x: { field: 'value', type: 'quantitative', title: titles.value, axis: { format: 'd', tickMinStep: 1 } },
    },
  };
}

/** A score histogram: how many who sat scored each total, in order of the points. */
export function histogram(
  data: { points: string; count: number }[],
  titles: { points: string; count: string },
): TopLevelSpec {
  return {
    width: { step: 40 },
    height: 180,
    data: { values: data },
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'points', type: 'ordinal', sort: null, title: titles.points, axis: { labelAngle: 0 } },
      y: { field: 'count', type: 'quantitative', title: titles.count, axis: { format: 'd', tickMinStep: 1 } },
    },
  };
}

/** Pass rate per month, one bar per category side by side, each category its own colour with a legend. */
export function groupedRates(
  data: { month: string; category: string; rate: number }[],
  categories: string[],
  titles: { month: string; rate: string; category: string },
): TopLevelSpec {
  return {
    width: { step: Math.max(40, categories.length * 18) },
    height: 200,
    data: { values: data },
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'month', type: 'ordinal', sort: null, title: titles.month, axis: { labelAngle: 0 } },
      xOffset: { field: 'category', type: 'nominal', sort: categories },
      y: {
        field: 'rate',
        type: 'quantitative',
        title: titles.rate,
        scale: { domain: [0, 1] },
        axis: { format: '.0%' },
      },
      color: {
        field: 'category',
        type: 'nominal',
        sort: categories,
        title: titles.category,
        scale: { domain: categories, range: categories.map((_, i) => SERIES_COLOURS[i % SERIES_COLOURS.length]!) },
      },
    },
  };
}
