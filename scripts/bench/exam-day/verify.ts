import { readFileSync } from 'node:fs';
import postgres from 'postgres';
import type { QuestionContent } from '../../../server/core/question';
import type { Answer } from '../../../server/core/scoring/index';
import { answerAsShown, labelKeyOf, labelsOf } from '../../../server/modules/attempts/paper-view';
import type { AckedAttempt } from './protocol';

export interface AnswerCheck {
  attempts: number;
  /** Items whose last acknowledged save was compared with attempt_answers. */
  checked: number;
  /** No row, or a row older than what the server acknowledged. */
  lost: number;
  /** The row has the acknowledged seq but another answer or flag. */
  different: number;
  /** Rows newer than any acknowledgement (a save that committed but whose answer never arrived). */
  unacknowledged: number;
  statuses: Record<string, number>;
  finalisedBy: Record<string, number>;
  examples: string[];
}

/** JSON with object keys sorted, so jsonb's key order does not count as a difference. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value ?? null);
}

/** Compares every candidate's last acknowledged save per item with what the database holds after the run. */
export async function checkAnswers(
  databaseUrl: string,
  sittingId: string,
  resultFiles: string[],
): Promise<AnswerCheck> {
  const acked = resultFiles.flatMap((file) => JSON.parse(readFileSync(file, 'utf8')) as AckedAttempt[]);
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const rows = await sql<
      { attempt_id: string; version_id: string; seq: number; answer: unknown; flagged: boolean }[]
    >`
      select a.attempt_id, a.version_id, a.seq, a.answer, a.flagged
      from attempt_answers a join attempts t on t.id = a.attempt_id where t.sitting_id = ${sittingId}`;
    const stored = new Map(rows.map((r) => [`${r.attempt_id}/${r.version_id}`, r]));
    // The candidate saved under the labels their paper showed; the database keeps the authored ids.
    const keys = new Map(
      (
        await sql<{ id: string; seed: string; labels: 2 | null }[]>`
          select id, seed, (paper ->> 'labels')::int as labels from attempts where sitting_id = ${sittingId}`
      ).map((r) => [r.id, labelKeyOf({ seed: r.seed, paper: { labels: r.labels ?? undefined } })]),
    );
    const contents = new Map(
      (
        await sql<{ id: string; content: QuestionContent }[]>`
          select id, content from question_versions
          where id in (select distinct version_id from attempt_answers a join attempts t on t.id = a.attempt_id
                       where t.sitting_id = ${sittingId})`
      ).map((r) => [r.id, r.content]),
    );
    const asShown = (attemptId: string, versionId: string, answer: unknown) =>
      answerAsShown(answer as Answer | null, labelsOf(keys.get(attemptId)!, versionId, contents.get(versionId)!));
    const result: AnswerCheck = {
      attempts: acked.length,
      checked: 0,
      lost: 0,
      different: 0,
      unacknowledged: 0,
      statuses: {},
      finalisedBy: {},
      examples: [],
    };
    const expected = new Set<string>();
    for (const attempt of acked) {
      for (const [versionId, ack] of Object.entries(attempt.answers)) {
        const key = `${attempt.attemptId}/${versionId}`;
        expected.add(key);
        result.checked++;
        const row = stored.get(key);
        if (!row || row.seq < ack.seq) {
          result.lost++;
          if (result.examples.length < 5)
            result.examples.push(`lost ${key}: acked seq ${ack.seq}, stored ${row?.seq ?? 'none'}`);
        } else if (row.seq > ack.seq) {
          result.unacknowledged++;
        } else if (
          canonical(asShown(attempt.attemptId, versionId, row.answer)) !== canonical(ack.answer) ||
          row.flagged !== ack.flagged
        ) {
          result.different++;
          if (result.examples.length < 5)
            result.examples.push(
              `different ${key}: acked ${canonical(ack.answer)}, stored ${canonical(asShown(attempt.attemptId, versionId, row.answer))}`,
            );
        }
      }
    }
    for (const key of stored.keys()) if (!expected.has(key)) result.unacknowledged++;
    const statuses = await sql<{ status: string; finalised_by: string | null; n: number }[]>`
      select status, finalised_by, count(*)::int as n from attempts where sitting_id = ${sittingId}
      group by status, finalised_by`;
    for (const s of statuses) {
      result.statuses[s.status] = (result.statuses[s.status] ?? 0) + s.n;
      const by = s.finalised_by ?? '-';
      result.finalisedBy[by] = (result.finalisedBy[by] ?? 0) + s.n;
    }
    return result;
  } finally {
    await sql.end({ timeout: 5 });
  }
}
