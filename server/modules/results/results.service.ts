import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Clock } from '../../clock';
import type { Db } from '../../../db/index';
import { transaction } from '../../../db/transaction';
import type { Sitting } from '../../../db/schema/index';
import type { OptionLabels } from '../../core/paper/index';
import type { QuestionKey } from '../../core/question';
import { competitionRanks, sittingStatistics, type RosterOutcome } from '../../core/result-statistics';
import type { ScoringResult } from '../../core/scoring/index';
import { NotFoundError } from '../../errors';
import type { RulingsRepository } from '../appeals/rulings.repository';
import type { AttemptsRepository } from '../attempts/attempts.repository';
import { conflict } from '../../errors';
import type { AttemptsService } from '../attempts/attempts.service';
import type { Notify } from '../notices/notify';
import { auditEvent, type AuditRepository } from '../audit/audit.repository';
import type { CertificatesService } from '../certificates/certificates.service';
import type { LogEvent, LogService } from '../log/log.service';
import type { RegisterRecorder } from '../register/register.types';
import { answerAsShown, labelKeyOf, shownSections } from '../attempts/paper-view';
import { answerProblems, isHeld } from '../attempts/scoring-hold';
import type { Actor } from '../../actor';
import type { ResultsRepository } from './results.repository';
import type { AdminResultsResponse, PublishedSittingList, ReviewView, SittingResultsResponse } from './results.schemas';

const DAY = 86_400_000;
/** Part of the pass list's entity tag: a change to the list's JSON form must not be answered 304 from an older one. */
const PASS_LIST_FORMAT = 1;
/** Pass lists a process keeps serialised (≈ 0.6 MB each at 5,000 candidates): a results day's few sittings. */
const PASS_LISTS_KEPT = 8;
/** Each encoding a reader may take the list in, made once per version (brotli at 5: near gzip's speed, smaller). */
const ENCODE = {
  gzip: (json: Buffer) => promisify(gzip)(json),
  br: (json: Buffer) => promisify(brotliCompress)(json, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } }),
};
export type PassListEncoding = keyof typeof ENCODE;

/** A version of a sitting's public pass list, ready to send. */
export interface ServedPassList {
  /** The entity tag of this version (a strong one: the same bytes for the same tag). */
  etag: string;
  /** The JSON body, as is or compressed (once per version and encoding). */
  body(encoding: PassListEncoding | null): Promise<Buffer>;
}

interface KeptPassList {
  etag: string;
  json: Promise<Buffer>;
  encoded: Partial<Record<PassListEncoding, Promise<Buffer>>>;
}

type RosterRow = Awaited<ReturnType<ResultsRepository['roster']>>[number];

function outcomeOf(row: Pick<RosterRow, 'status' | 'result' | 'scoringHold'>): RosterOutcome {
  if (row.status === 'annulled') return { kind: 'annulled' };
  if (isHeld(row.scoringHold)) return { kind: 'held' };
  if (row.status === 'submitted' && row.result)
    return { kind: 'sat', points: row.result.points, passed: row.result.passed };
  // Started and not finalised: writing, never absent (publication finalises it first).
  if (row.status === 'started') return { kind: 'writing' };
  return { kind: 'absent' };
}

/** Those who sat and were scored: the results to publish. A held attempt waits, whatever result it last had. */
const satRows = (roster: RosterRow[]) =>
  roster.filter(
    (r): r is RosterRow & { result: ScoringResult } =>
      r.status === 'submitted' && r.result !== null && !isHeld(r.scoringHold),
  );

/** The key in force as a candidate reads it in review: the right options, or the accepted answers in the exam language. */
function keyView(key: QuestionKey, language: 'az' | 'ru' | 'en', labels: OptionLabels) {
  // An essay's rubric and markings are shown by the marking module, once revealed.
  if (key.type === 'essay') return { type: key.type, optionIds: [], accepted: [] };
  if (key.type === 'short')
    return {
      type: key.type,
      optionIds: [],
      accepted: key.accepted.map((a) => a[language] ?? a.az ?? a.ru ?? a.en ?? '').filter(Boolean),
    };
  return { type: key.type, optionIds: key.correct.map((id) => labels.shown(id)), accepted: [] };
}

/** Why a sitting's results are published again: a re-scoring job, a held attempt's release, or an upheld annulment appeal. */
export type RepublishCause = { jobId: string } | { heldAttemptReleased: string } | { attemptReinstated: string };

export function createResultsService(deps: {
  db: Db;
  clock: Clock;
  graceMs: number;
  repository: ResultsRepository;
  /** Closing and scoring an attempt, as the attempts service does (stragglers, held attempts released). */
  attempts: Pick<AttemptsService, 'finalise' | 'scoreStored'>;
  attemptsRepository: AttemptsRepository;
  rulings: Pick<RulingsRepository, 'inForce'>;
  /** Certificates brought in line with the results, in the publishing transaction. */
  certificates: Pick<CertificatesService, 'syncForAttempts'>;
  /** The public register: the results logged are recorded there in the same transaction. */
  register: Pick<RegisterRecorder, 'recordResults'>;
  log: Pick<LogService, 'append'>;
  audit: AuditRepository;
  /** Where the public pass lists are read: a read replica when there is one (DATABASE_READ_URL). */
  reads?: ResultsRepository | undefined;
  /** Each candidate told of their result, and of a re-scoring that changed it (issue 17). */
  notices: Pick<Notify, 'notifyMany'>;
}) {
  const reads = deps.reads ?? deps.repository;
  const { notices } = deps;
  const { db, clock, graceMs, repository, attempts, attemptsRepository, rulings, certificates, register, log, audit } =
    deps;

  /**
   * Logs one revision of a sitting's results: a `result.published` entry for each given result, then
   * `sitting.results_published` with the statistics of the whole roster, and stores their receipts.
   */
  async function logRevision(input: {
    sitting: Sitting;
    revision: number;
    roster: RosterRow[];
    results: (RosterRow & { result: ScoringResult })[];
    publishedBy: string | null;
    now: Date;
    appealClosesAt: Date;
    cause?: RepublishCause;
  }) {
    const { sitting, revision, now } = input;
    const statistics = sittingStatistics(input.roster.map(outcomeOf));
    const events: LogEvent[] = input.results.map(({ candidateCode, result }) => ({
      type: 'result.published',
      sittingCode: sitting.code,
      candidateCode,
      points: result.points,
      maxPoints: result.maxPoints,
      passed: result.passed,
      sections: result.sections.map((s) => ({ index: s.index, points: s.points, maxPoints: s.maxPoints })),
      scoringVersion: result.scoringVersion,
      inputDigest: result.inputDigest,
      revision,
    }));
    events.push({
      type: 'sitting.results_published',
      sittingCode: sitting.code,
      categoryCode: sitting.categoryCode,
      startsAt: sitting.startsAt.toISOString(),
      revision,
      statistics,
      appealClosesAt: input.appealClosesAt.toISOString(),
      ...(input.cause ? { cause: { ...input.cause } } : {}),
    });
    const receipts = await log.append(events);
    const summary = receipts.at(-1)!;
    const publication = await repository.insertPublication({
      sittingId: sitting.id,
      revision,
      statistics,
      logIndex: summary.logIndex,
      leafHash: summary.leafHash,
      publishedBy: input.publishedBy,
      publishedAt: now,
    });
    await repository.insertPublishedResults(
      input.results.map(({ attemptId, result }, i) => ({
        attemptId,
        publicationId: publication.id,
        points: String(result.points),
        passed: result.passed,
        logIndex: receipts[i]!.logIndex,
        leafHash: receipts[i]!.leafHash,
      })),
    );
    await register.recordResults(
      input.results.map(({ candidateCode, result }, i) => ({
        candidateCode,
        sittingCode: sitting.code,
        categoryCode: sitting.categoryCode,
        sittingDate: sitting.startsAt,
        points: result.points,
        maxPoints: result.maxPoints,
        passed: result.passed,
        revision,
        publishedAt: now,
        logIndex: receipts[i]!.logIndex,
        leafHash: receipts[i]!.leafHash,
      })),
      {
        sittingCode: sitting.code,
        categoryCode: sitting.categoryCode,
        sittingDate: sitting.startsAt,
        revision,
        registered: statistics.registered,
        sat: statistics.sat,
        passed: statistics.passed,
        distribution: statistics.distribution,
        logIndex: summary.logIndex,
        leafHash: summary.leafHash,
      },
    );
    return { publication, statistics };
  }

  async function publishedSitting(sittingId: string) {
    const row = await reads.sitting(sittingId);
    if (!row?.sitting.resultsPublishedAt) throw new NotFoundError('No published results for this sitting.');
    return row;
  }

  /** The public pass list, read afresh. */
  async function sittingResults(sittingId: string): Promise<SittingResultsResponse> {
    const { sitting, category } = await publishedSitting(sittingId);
    const [published, latest] = await Promise.all([reads.published(sittingId), reads.latestPublication(sittingId)]);
    const ranks = competitionRanks(published.map((p) => p.points));
    const results = published
      .map((p, i) => ({
        candidateCode: p.candidateCode,
        points: p.points,
        maxPoints: p.maxPoints,
        passed: p.passed,
        rank: ranks[i]!,
        logIndex: p.logIndex,
        leafHash: p.leafHash,
      }))
      .sort((a, b) => a.rank - b.rank || a.candidateCode.localeCompare(b.candidateCode));
    return {
      sitting: {
        id: sitting.id,
        code: sitting.code,
        category: sitting.categoryCode,
        categoryName: category.name,
        startsAt: sitting.startsAt.toISOString(),
      },
      publishedAt: sitting.resultsPublishedAt!.toISOString(),
      revision: latest!.revision,
      revisedAt: latest!.publishedAt.toISOString(),
      appealClosesAt: sitting.appealClosesAt!.toISOString(),
      statistics: latest!.statistics as SittingResultsResponse['statistics'],
      logIndex: latest!.logIndex,
      leafHash: latest!.leafHash,
      results,
    };
  }

  /** Serialised pass lists, by sitting, least recently read first (see `passList`). */
  const passLists = new Map<string, KeptPassList>();

  return {
    /**
     * Administrator, after the sitting's end: finalises whatever is still open, publishes every result
     * and the statistics through the log, opens the appeal window and issues the passes' certificates,
     * all in one transaction. Audited.
     */
    async publish(actor: Actor, sittingId: string) {
      const now = clock();
      await transaction(db, async () => {
        const sitting = await repository.lockSitting(sittingId);
        if (!sitting) throw new NotFoundError('No such sitting.');
        if (sitting.resultsPublishedAt)
          throw conflict('id', 'results.published', 'The results of this sitting are already published.');
        if (
          sitting.status !== 'closed' ||
          now.getTime() < sitting.endsAt.getTime() ||
          (await repository.running(sittingId, now, graceMs))
        )
          throw conflict('id', 'sitting.not_finished', 'This sitting has not finished yet.');
        for (const id of await repository.startedIds(sittingId)) await attempts.finalise(id, 'deadline');
        const roster = await repository.roster(sittingId);
        const results = satRows(roster);
        const appealClosesAt = new Date(now.getTime() + sitting.appealDays * DAY);
        const { publication, statistics } = await logRevision({
          sitting,
          revision: 1,
          roster,
          results,
          publishedBy: actor.id,
          now,
          appealClosesAt,
        });
        await repository.markPublished(sittingId, now, appealClosesAt);
        await notices.notifyMany(
          results.map((r) => ({
            userId: r.userId,
            kind: 'result-published' as const,
            ref: r.attemptId,
            params: {
              bookingId: r.bookingId,
              sittingCode: sitting.code,
              points: r.result.points,
              maxPoints: r.result.maxPoints,
              passed: r.result.passed,
            },
          })),
        );
        await certificates.syncForAttempts(
          results.map((r) => r.attemptId),
          now,
        );
        await audit.append(
          auditEvent(actor, 'results.published', 'sitting', sittingId, {
            revision: 1,
            sat: statistics.sat,
            passed: statistics.passed,
            logIndex: publication.logIndex,
            appealClosesAt: appealClosesAt.toISOString(),
          }),
          now,
        );
      });
      return this.adminResults(sittingId);
    },

    /**
     * After a re-scoring: a new revision for each published sitting in which a result's points or pass
     * changed, logging only those results and the statistics again, and bringing their certificates
     * in line. Idempotent: a sitting whose published results all still hold gets no new revision, so a
     * job that republishes again after a crash changes nothing. One transaction; audited as the system.
     */
    async republish(sittingIds: string[], cause: RepublishCause) {
      const now = clock();
      return transaction(db, async () => {
        const done: { sittingId: string; revision: number; changed: number }[] = [];
        for (const sittingId of [...new Set(sittingIds)].sort()) {
          const sitting = await repository.lockSitting(sittingId);
          if (!sitting?.resultsPublishedAt) continue;
          const [roster, published, latest] = await Promise.all([
            repository.roster(sittingId),
            repository.published(sittingId),
            repository.latestPublication(sittingId),
          ]);
          const before = new Map(published.map((p) => [p.attemptId, p]));
          const changed = satRows(roster).filter((r) => {
            const was = before.get(r.attemptId);
            return (
              !was ||
              was.points !== r.result.points ||
              was.passed !== r.result.passed ||
              was.maxPoints !== r.result.maxPoints
            );
          });
          if (changed.length === 0) continue;
          const revision = (latest?.revision ?? 0) + 1;
          const { publication } = await logRevision({
            sitting,
            revision,
            roster,
            results: changed,
            publishedBy: null,
            now,
            appealClosesAt: sitting.appealClosesAt!,
            cause,
          });
          await notices.notifyMany(
            changed.map((r) => {
              const was = before.get(r.attemptId);
              const result = {
                bookingId: r.bookingId,
                sittingCode: sitting.code,
                points: r.result.points,
                maxPoints: r.result.maxPoints,
                passed: r.result.passed,
              };
              // Published for the first time (a held attempt released), or changed from what was published.
              return was
                ? {
                    userId: r.userId,
                    kind: 'result-rescored' as const,
                    ref: `${r.attemptId}:${revision}`,
                    params: { ...result, previousPoints: was.points, previousPassed: was.passed },
                  }
                : { userId: r.userId, kind: 'result-published' as const, ref: r.attemptId, params: result };
            }),
          );
          await certificates.syncForAttempts(
            changed.map((r) => r.attemptId),
            now,
          );
          await audit.append(
            {
              actorId: null,
              action: 'results.republished',
              targetType: 'sitting',
              targetId: sittingId,
              details: { revision, changed: changed.length, ...cause, logIndex: publication.logIndex },
            },
            now,
          );
          done.push({ sittingId, revision, changed: changed.length });
        }
        return done;
      });
    },

    /**
     * Administrator: releases an attempt held back because it could not be scored. The stored answers
     * that were the problem (saved before answers were checked at the door) are cleared, so those items
     * count as unanswered; the answers cleared are kept in the audit entry. The attempt is scored, and
     * if the sitting's results are already out, published in a new revision. A problem that is not an
     * answer's (a key) is the examiners' to correct by a ruling, and the release is refused until then.
     */
    async releaseHold(actor: Actor, attemptId: string, reason: string) {
      const now = clock();
      const sittingId = await transaction(db, async () => {
        const attempt = await attemptsRepository.lock(attemptId);
        if (!attempt) throw new NotFoundError('No such attempt.');
        const hold = attempt.scoringHold;
        if (!isHeld(hold)) throw conflict('id', 'attempt.not_held', 'This attempt is not held back.');
        const { versionIds, other } = answerProblems(hold.problems);
        if (other.length > 0)
          throw conflict(
            'id',
            'attempt.hold_needs_ruling',
            `Correct the key by a ruling first: ${other.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
          );
        const cleared = await attemptsRepository.clearAnswers(attemptId, versionIds);
        const scored = await attempts.scoreStored(attempt);
        if (!scored.ok)
          throw conflict(
            'id',
            'attempt.hold_needs_ruling',
            `It still cannot be scored: ${scored.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
          );
        const { result } = scored;
        await attemptsRepository.update(attemptId, {
          result,
          points: String(result.points),
          passed: result.passed,
          scoringHold: {
            ...hold,
            release: { by: actor.id, at: now.toISOString(), reason, clearedVersionIds: versionIds },
          },
        });
        await audit.append(
          auditEvent(actor, 'attempt.hold_released', 'attempt', attemptId, {
            reason,
            problems: hold.problems,
            cleared,
            points: result.points,
            passed: result.passed,
          }),
          now,
        );
        return attempt.sittingId;
      });
      // Already published: the released result goes out as a new revision, like a re-scored one.
      await this.republish([sittingId], { heldAttemptReleased: attemptId });
      return this.adminResults(sittingId);
    },

    /** Administrator: every candidate with name, status, current result and rank, published or not. */
    async adminResults(sittingId: string): Promise<AdminResultsResponse> {
      const row = await repository.sitting(sittingId);
      if (!row) throw new NotFoundError('No such sitting.');
      const { sitting } = row;
      const [roster, published, latest] = await Promise.all([
        repository.roster(sittingId),
        repository.published(sittingId),
        repository.latestPublication(sittingId),
      ]);
      const sat = satRows(roster);
      const ranks = new Map(
        competitionRanks(sat.map((r) => r.result.points)).map((rank, i) => [sat[i]!.attemptId, rank]),
      );
      const logged = new Map(published.map((p) => [p.attemptId, p]));
      return {
        sittingId,
        code: sitting.code,
        publishedAt: sitting.resultsPublishedAt?.toISOString() ?? null,
        revision: latest?.revision ?? null,
        appealClosesAt: sitting.appealClosesAt?.toISOString() ?? null,
        statistics: sittingStatistics(roster.map(outcomeOf)),
        results: roster
          .map((r) => ({
            attemptId: r.attemptId,
            candidateCode: r.candidateCode,
            fullName: r.fullName,
            status: r.status,
            points: r.result && r.status === 'submitted' ? r.result.points : null,
            maxPoints: r.result && r.status === 'submitted' ? r.result.maxPoints : null,
            passed: r.result && r.status === 'submitted' ? r.result.passed : null,
            rank: ranks.get(r.attemptId) ?? null,
            logIndex: logged.get(r.attemptId)?.logIndex ?? null,
          }))
          .sort(
            (a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.candidateCode.localeCompare(b.candidateCode),
          ),
        held: roster.flatMap((r) =>
          r.scoringHold && isHeld(r.scoringHold)
            ? [
                {
                  attemptId: r.attemptId,
                  candidateCode: r.candidateCode,
                  fullName: r.fullName,
                  heldAt: r.scoringHold.heldAt,
                  problems: r.scoringHold.problems,
                },
              ]
            : [],
        ),
      };
    },

    /** Public: the sittings whose results are published, newest first. */
    async list(): Promise<PublishedSittingList> {
      const rows = await reads.publishedSittings();
      return rows.map(({ sitting, category, publication }) => {
        const statistics = publication.statistics as { registered: number; sat: number; passed: number };
        return {
          sittingId: sitting.id,
          code: sitting.code,
          categoryCode: sitting.categoryCode,
          categoryName: category.name,
          startsAt: sitting.startsAt.toISOString(),
          publishedAt: sitting.resultsPublishedAt!.toISOString(),
          revision: publication.revision,
          revisedAt: publication.publishedAt.toISOString(),
          registered: statistics.registered,
          sat: statistics.sat,
          passed: statistics.passed,
        };
      });
    },

    /** Public: the pass list by candidate code, as the log holds it, with the statistics and receipts. */
    sittingResults,

    /**
     * The public pass list as served to its readers: serialised once per version of the list and
     * process, and told by an entity tag (issue 16: 5,000 readers each reading and serialising 5,000
     * rows took the heap to 1.7 GB). The version (the latest revision and the sitting row's last change)
     * is read on every request, from where the list itself is read (the replica when there is one), so
     * a publication or a re-scoring by any process is served by every process from its very next
     * request, with no message between processes to be missed or to arrive late: the register keeps its
     * totals the same way, under the log's size. The read is one indexed row, against three large ones.
     */
    async passList(sittingId: string): Promise<ServedPassList> {
      const version = await reads.passListVersion(sittingId);
      if (!version) throw new NotFoundError('No published results for this sitting.');
      const etag = `"pl${PASS_LIST_FORMAT}-r${version.revision}-${version.updatedAt.getTime().toString(36)}"`;
      let kept = passLists.get(sittingId);
      passLists.delete(sittingId);
      if (kept?.etag !== etag) {
        const json = sittingResults(sittingId).then((list) => Buffer.from(JSON.stringify(list)));
        const made: KeptPassList = { etag, json, encoded: {} };
        // A failed read is not kept: the next reader tries again.
        json.catch(() => {
          if (passLists.get(sittingId) === made) passLists.delete(sittingId);
        });
        kept = made;
      }
      passLists.set(sittingId, kept);
      if (passLists.size > PASS_LISTS_KEPT) passLists.delete(passLists.keys().next().value!);
      const entry = kept;
      return {
        etag,
        body: (encoding) => (encoding ? (entry.encoded[encoding] ??= entry.json.then(ENCODE[encoding])) : entry.json),
      };
    },

    /**
     * The candidate's own paper with their answers, the key in force and each item's outcome, only while
     * the appeal window is open (DESIGN.md rule 6). Nobody else's paper: a stranger's id is a bare 404.
     */
    async review(userId: string, attemptId: string): Promise<ReviewView> {
      const row = await attemptsRepository.findOwn(userId, attemptId);
      if (!row) throw new NotFoundError('No such attempt.');
      const { attempt, sitting, booking } = row;
      const now = clock();
      if (!sitting.resultsPublishedAt || !sitting.appealClosesAt)
        throw conflict('id', 'results.not_published', 'The results of this sitting are not published yet.');
      if (now.getTime() >= sitting.appealClosesAt.getTime())
        throw conflict('id', 'appeal.window_closed', 'The appeal window has closed.');
      if (attempt.status === 'annulled') throw conflict('id', 'attempt.annulled', 'This attempt was annulled.');
      if (attempt.status !== 'submitted' || !attempt.result)
        throw conflict('id', 'attempt.not_finished', 'This attempt was never sat.');
      const blueprint = sitting.blueprint!;
      const language = blueprint.language;
      const [contents, answers, inForce] = await Promise.all([
        attemptsRepository.contents(attempt.versionIds),
        attemptsRepository.answers(attempt.id),
        rulings.inForce(attempt.versionIds),
      ]);
      const content = new Map(contents.map((c) => [c.id, c.content]));
      const answered = new Map(answers.map((a) => [a.versionId, a.answer]));
      const marked = new Map(attempt.result.items.map((i) => [i.versionId, i]));
      const annulled = new Set(inForce.annulments.map((a) => a.versionId));
      return {
        attemptId: attempt.id,
        sittingCode: sitting.code,
        candidateCode: booking.candidateCode,
        language,
        appealClosesAt: sitting.appealClosesAt.toISOString(),
        points: attempt.result.points,
        maxPoints: attempt.result.maxPoints,
        // The labels the candidate saw in the room, for the options, their answer and the key alike.
        sections: shownSections(attempt.paper, blueprint, labelKeyOf(attempt), content, language, (item, shown) => {
          const mark = marked.get(item.versionId);
          return {
            answer: answerAsShown(answered.get(item.versionId) ?? null, shown.labels),
            key: keyView(inForce.keys[item.versionId]!, language, shown.labels),
            annulled: annulled.has(item.versionId),
            outcome: mark?.outcome ?? 'unanswered',
            points: mark?.points ?? 0,
            maxPoints: mark?.maxPoints ?? 0,
          };
        }),
      };
    },
  };
}

export type ResultsService = ReturnType<typeof createResultsService>;
