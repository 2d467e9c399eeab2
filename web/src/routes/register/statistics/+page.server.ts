import { registerApi } from '$lib/api/register';
import { groupedRates, histogram, horizontalBars, renderChart } from '$lib/components/register/charts.server';
import { formatPoints } from '$lib/exam/format';
import { formatDate, pickText } from '$lib/format';
import { formatMonth } from '$lib/components/register/labels';
import { loadFailure } from '$lib/forms';
import { translator } from '$lib/i18n';
import type { PageServerLoad } from './$types';

const CODE = /^[A-Za-z0-9_.-]{1,40}$/;
const LATEST_SITTINGS = 6;

export const load: PageServerLoad = async (event) => {
  const locale = event.locals.locale;
  const i18n = translator(locale);
  const sittingParam = (event.url.searchParams.get('sitting') ?? '').trim().toUpperCase();
  const sitting = CODE.test(sittingParam) ? sittingParam : undefined;
  const sittingError = sittingParam !== '' && !sitting;

  const found = await registerApi(event).statistics(sitting ? { sitting } : { sittings: LATEST_SITTINGS });
  if (!found.ok) loadFailure(found);
  const statistics = found.data;

  const categories = [...new Set(statistics.byCategoryMonth.map((r) => r.categoryCode))].sort();
  const months = [...new Set(statistics.byCategoryMonth.map((r) => r.month))].sort();
  const passRates = statistics.byCategoryMonth.length
    ? await renderChart(
        groupedRates(
          [...statistics.byCategoryMonth]
            .sort((a, b) => a.month.localeCompare(b.month) || a.categoryCode.localeCompare(b.categoryCode))
            .map((r) => ({ month: formatMonth(r.month, locale), category: r.categoryCode, rate: r.passRate })),
          categories,
          {
            month: i18n.t('register.statistics.month'),
            rate: i18n.t('register.statistics.passRate'),
            category: i18n.t('register.appointments.category'),
          },
        ),
        i18n.t('register.statistics.passRatesChart', { months: months.length, categories: categories.length }),
        locale,
      )
    : null;

  const histograms = await Promise.all(
    statistics.sittings.map(async (s) => ({
      sitting: s,
      svg: s.distribution.length
        ? await renderChart(
            histogram(
              s.distribution.map((d) => ({ points: formatPoints(d.points, locale), count: d.count })),
              { points: i18n.t('register.statistics.points'), count: i18n.t('register.statistics.candidates') },
            ),
            i18n.t('register.statistics.histogramChart', {
              code: s.sittingCode,
              date: formatDate(s.sittingDate, locale),
            }),
            locale,
          )
        : null,
    })),
  );

  const agencies = statistics.appointmentsByAgency.length
    ? await renderChart(
        horizontalBars(
          statistics.appointmentsByAgency.map((a) => ({
            label: pickText(a.agency.name, locale),
            value: a.appointments,
          })),
          { label: i18n.t('register.appointments.agency'), value: i18n.t('register.statistics.appointments') },
        ),
        i18n.t('register.statistics.agenciesChart', { count: statistics.appointmentsByAgency.length }),
        locale,
      )
    : null;

  return {
    statistics,
    sitting: sittingParam,
    sittingError,
    charts: { passRates, histograms, agencies },
  };
};
