import type { Actor } from '../../actor';
import type { Clock } from '../../clock';
import { conflict, NotFoundError } from '../../errors';
import { auditEvent, type AuditRepository } from '../audit/audit.repository';
import { csvLine } from '../register/register.export';
import type { ResultsService } from '../results/results.service';
import { renderPassList } from './pass-list-pdf';
import type { PassListLanguage } from './pass-list-text';
import type { ResultsExportRepository } from './results-export.repository';

const CSV_HEADER = [
  'rank',
  'candidateCode',
  'fullName',
  'nationalIdScheme',
  'nationalId',
  'status',
  'points',
  'maxPoints',
  'passed',
  'logIndex',
];

/**
 * A sitting's results for the centre's own use, with the names and national IDs the public register never
 * shows: a CSV of every candidate and a printable pass list. Only once the results are published, so an
 * export never runs ahead of what the log holds; every export is audited.
 */
export function createResultsExportService(deps: {
  clock: Clock;
  repository: ResultsExportRepository;
  /** The results as the administrators' page reads them (ranks, statuses), so both agree. */
  results: Pick<ResultsService, 'adminResults'>;
  audit: AuditRepository;
}) {
  const { clock, repository, results, audit } = deps;

  async function published(sittingId: string) {
    const sitting = await repository.sitting(sittingId);
    if (!sitting) throw new NotFoundError('No such sitting.');
    if (!sitting.resultsPublishedAt) {
      throw conflict('sittingId', 'results.not_published', 'The results of this sitting are not published yet.');
    }
    const [view, ids] = await Promise.all([results.adminResults(sittingId), repository.nationalIds(sittingId)]);
    const rows = view.results.map((r) => ({ ...r, ...(ids.get(r.attemptId) ?? { scheme: null, nationalId: null }) }));
    return { sitting: { ...sitting, publishedAt: sitting.resultsPublishedAt }, revision: view.revision ?? 1, rows };
  }

  const audited = (actor: Actor, sittingId: string, details: Record<string, unknown>) =>
    audit.append(auditEvent(actor, 'results.exported', 'sitting', sittingId, details), clock());

  return {
    /** Every candidate of the sitting, best first: UTF-8 with a byte-order mark and CRLF, as spreadsheets read it. */
    async csv(actor: Actor, sittingId: string): Promise<{ code: string; csv: string }> {
      const { sitting, rows } = await published(sittingId);
      let csv = `\uFEFF${csvLine(CSV_HEADER)}`;
      for (const r of rows) {
        csv += csvLine([
          r.rank,
          r.candidateCode,
          r.fullName,
          r.scheme,
          r.nationalId,
          r.status,
          r.points,
          r.maxPoints,
          r.passed,
          r.logIndex,
        ]);
      }
      await audited(actor, sittingId, { format: 'csv', count: rows.length });
      return { code: sitting.code, csv };
    },

    /** Those who passed, best first, as a printable PDF in the given language. */
    async passList(
      actor: Actor,
      sittingId: string,
      language: PassListLanguage,
    ): Promise<{ code: string; pdf: Buffer }> {
      const { sitting, revision, rows } = await published(sittingId);
      const passed = rows.filter((r) => r.passed === true && r.points !== null && r.maxPoints !== null);
      const pdf = await renderPassList(
        {
          sittingCode: sitting.code,
          categoryCode: sitting.categoryCode,
          startsAt: sitting.startsAt,
          publishedAt: sitting.publishedAt,
          revision,
          sat: rows.filter((r) => r.status === 'submitted').length,
          passed: passed.map((r) => ({
            rank: r.rank ?? 0,
            candidateCode: r.candidateCode,
            fullName: r.fullName,
            nationalId: r.nationalId ?? '—',
            points: r.points!,
            maxPoints: r.maxPoints!,
          })),
        },
        language,
      );
      await audited(actor, sittingId, { format: 'pdf', language, count: passed.length });
      return { code: sitting.code, pdf };
    },
  };
}

export type ResultsExportService = ReturnType<typeof createResultsExportService>;
