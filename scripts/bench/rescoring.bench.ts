/**
 * Re-scoring after an upheld appeal: N submitted attempts that all carried the annulled item, at
 * different positions on different variants, re-scored by the background job in batches
 * (RESCORING_BATCH). Reports the job's wall time, attempts per second and the batch latency, and
 * checks the end state: every attempt processed, and exactly those that had the item wrong moved.
 *
 * The attempts are inserted straight into the database (users, bookings, papers, answers and their
 * results as `finalise()` would have scored them); the appeal, the decision, its confirmation and the
 * job itself go through the services, as in production.
 */
import { eq } from 'drizzle-orm';
import { attempts } from '../../db/schema/index';
import { scoreAttempt, type Answer } from '../../server/core/scoring/index';
import { variantPaper } from '../../tests/factories/appeals';
import { staffMember } from '../../tests/factories/sittings';
import { ms } from './stats';
import { benchSitting, insertSubmittedAttempts } from './submitted-attempts';

export async function rescoringBench(options: { attempts: number; batch: number }): Promise<string[]> {
  const bench = await benchSitting({ RESCORING_BATCH: String(options.batch) });
  const { t, admin, bank, sitting, blueprint } = bench;
  const lines = [`rescoring bench on ${t.database.kind}: ${options.attempts} attempts, batches of ${options.batch}`];
  try {
    const db = t.database.db;
    const keys = Object.fromEntries(bank.questions.map((q) => [q.versionId, q.key]));
    const target = bank.questions[0]!;
    const startedAt = new Date(new Date(sitting.startsAt).getTime() + 60_000);
    const submittedAt = new Date(startedAt.getTime() + 30 * 60_000);

    let wrongOnTarget = 0;
    const seconds = await insertSubmittedAttempts(
      bench,
      { count: options.attempts, prefix: 'Bench', startedAt, submittedAt },
      (i) => {
        // Variants 0–2 all carry the target, as item 1 or 2.
        const paper = variantPaper(bank, i % 3, `bench-${i}`);
        const answers = paper.sections
          .flatMap((s) => s.items)
          .map((item, index) => {
            const q = bank.byVersion.get(item.versionId)!;
            const answer: Answer = (i + index) % 3 === 0 ? q.wrong : q.correct;
            if (q === target && answer === q.wrong) wrongOnTarget += 1;
            return { versionId: item.versionId, answer };
          });
        const result = scoreAttempt({
          paper,
          answers: Object.fromEntries(answers.map((a) => [a.versionId, a.answer])),
          keys,
          blueprint,
          annulments: [],
        });
        return { paper, answers, result };
      },
    );
    lines.push(`seeded in ${seconds.toFixed(1)} s`);

    // One candidate appeals; two examiners decide and confirm; the job is queued.
    t.clock.set(new Date(new Date(sitting.endsAt).getTime() + 60_000));
    await t.services.results.publish({ id: admin.id, ip: null }, sitting.id);
    const [appellant] = await db.select().from(attempts).where(eq(attempts.sittingId, sitting.id)).limit(1);
    await t.services.appeals.file({ id: appellant!.userId, ip: null }, appellant!.id, {
      versionId: target.versionId,
      reason: 'Two of the options are right as the item is written.',
    });
    const examiner = await staffMember(t, 'examiner');
    const second = await staffMember(t, 'examiner');
    const decision = await t.services.appeals.decide({ id: examiner.id, ip: null }, target.versionId, {
      outcome: 'annul',
      reason: 'Annulled: two options are right, so everyone is awarded the item.',
    });
    const confirmed = await t.services.appeals.confirm({ id: second.id, ip: null }, decision.id);
    const jobId = confirmed.rescoringJobId!;

    const batchMs: number[] = [];
    const started = performance.now();
    for (;;) {
      const before = performance.now();
      const progress = await t.services.rescoring.runBatch(jobId);
      batchMs.push(performance.now() - before);
      if (progress.status === 'done') break;
    }
    const elapsed = (performance.now() - started) / 1000;
    const detail = await t.services.rescoring.detail(jobId);
    if (detail.processed !== options.attempts)
      throw new Error(`processed ${detail.processed} of ${options.attempts} attempts`);
    if (detail.changes.length !== wrongOnTarget)
      throw new Error(`${detail.changes.length} attempts changed, expected ${wrongOnTarget}`);
    // The last call found nothing left and completed the job: republication, certificates, the log entry.
    const completionMs = batchMs.at(-1)!;
    const scoring = batchMs.slice(0, -1).sort((a, b) => a - b);
    const scoringS = scoring.reduce((sum, x) => sum + x, 0) / 1000;
    const flipped = detail.changes.filter((c) => c.passedBefore !== c.passedAfter).length;
    lines.push(
      `re-scored ${detail.processed} attempts in ${elapsed.toFixed(2)} s = ${Math.round(detail.processed / elapsed)} attempts/s, end to end`,
      `  batches: ${scoring.length} in ${scoringS.toFixed(2)} s = ${Math.round(detail.processed / scoringS)} attempts/s` +
        ` (median ${ms(scoring[Math.floor(scoring.length / 2)]!)}, slowest ${ms(scoring.at(-1)!)})`,
      `  completion (republication of the changed results, certificates, log entry): ${ms(completionMs)}`,
      `change report: ${detail.changes.length} moved, ${flipped} passes flipped (checked: every attempt processed, exactly those wrong on the item moved)`,
    );
  } finally {
    await t.close();
  }
  return lines;
}
