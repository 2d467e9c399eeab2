/**
 * The published invariants of the system, checked from the transparency log's entries alone: anyone can
 * run them (`npm run monitor`) without the centre's code or database. A pure fold over the entries in log
 * order: `checkEntries(state, entries)` returns the state after them and every violation they show, so a
 * monitor keeps the state between runs and reads only the new entries. The state is plain JSON.
 *
 * The invariants are numbered as in the README and versioned with the entry schema
 * (`LOG_ENTRY_SCHEMA_VERSION`); invariant 0, that every entry matches the schema, is the caller's.
 */
import { verifyCommitment, type CriterionScores } from './score-commitment';
import { topLimit, type Gate } from './stage-gate';

export const MONITOR_INVARIANTS = {
  0: 'Every entry is canonical JSON of a type the entry schema knows, with exactly its fields.',
  1: "Each candidate code has at most one current result per sitting: a sitting's revisions are numbered 1, 2, 3… in log order, each closed by its sitting.results_published, and a revision names a candidate at most once.",
  2: "Every certificate names the candidate's current result of its sitting, which passed, for the sitting's category, valid for exactly the years the rules give from its issue; a certificate whose result stops passing is revoked in the same publication.",
  3: 'Every re-publication lists exactly the results it changed: each result in a revision after the first differs from the one it replaces, and the results of the revisions a re-scoring job caused are exactly the changed results its rescoring.completed entry lists.',
  4: "Every appointment follows the vacancy's published ranking, best-ranked first, with the ranking's scores, and never beyond the vacancy's places; the ranking itself is in rank order and its reserve is the ranking after the places.",
  5: "Every revealed interview score matches the commitment the panel member logged earlier for that candidate and vacancy, and every commitment is revealed with the vacancy's ranking.",
  6: 'No vacancy changes after its announcement: it is announced once, and its ranking and appointments carry the announced places, position, agency, category and round, and the round’s announced weights and rubric.',
  7: "Every stage list follows the round's announced stages: a vacancy's stage is advanced once, after the stage before it, with the announced kind, weight and gate; it names only candidates on the previous stage's list, each once, and its scores and ranks obey the gate (each at or above the minimum, ranked one more than those who scored higher, within the top limit of those with a result).",
  8: "Every written script is marked as its sitting's published plan says: one plan per sitting, published before any marking; a first and a second marking by two of the plan's markers, a third only by the plan's chief and only after both; no marker marks a script twice and no role is taken twice; an appeal against a script's marking is decided once, by no one who marked it.",
} as const;

export type InvariantNumber = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

/** The rules' published parameters that entries do not carry. */
export interface MonitorRules {
  /** A certificate is valid this many years from its issue (the rules: 5). */
  certificateValidYears: number;
}

export const DEFAULT_MONITOR_RULES: MonitorRules = { certificateValidYears: 5 };

export interface Violation {
  invariant: InvariantNumber;
  message: string;
  /** The log indexes of the entries involved, the offending one last. */
  entries: number[];
}

/** An entry that matched the schema, with its place in the log. */
export interface IndexedEntry {
  index: number;
  entry: { type: string; [field: string]: unknown };
}

interface ResultRef {
  index: number;
  points: number;
  maxPoints: number;
  passed: boolean;
}

interface RevisionResult extends ResultRef {
  candidateCode: string;
  /** The current result it replaces, if any. */
  before: ResultRef | null;
}

interface SittingState {
  categoryCode: string | null;
  revision: number;
  summaryIndex: number | null;
  current: Record<string, ResultRef>;
  /** Results of the next revision, logged before the sitting.results_published that closes it. */
  pending: { revision: number; results: RevisionResult[] } | null;
}

interface CertificateState {
  candidateCode: string;
  sittingCode: string;
  status: 'valid' | 'revoked';
  index: number;
}

interface VacancyState {
  index: number;
  fields: Record<string, unknown>;
  places: number;
  roundCode: string;
  ranking: {
    index: number;
    order: string[];
    byCode: Record<string, { rank: number; testScore: number; interviewScore: number; finalScore: number }>;
  } | null;
  appointed: { candidateCode: string; index: number }[];
  closedIndex: number | null;
}

/** A stage as the round announced it (issue 18). */
interface AnnouncedStage {
  position: number;
  kind: string;
  weight: number;
  minScore: number | null;
  top: Gate['top'];
  ties: Gate['ties'];
}

interface RoundState {
  index: number;
  testWeight: number;
  interviewWeight: number;
  interviewMaxPoints: number;
  /** The stages announced with the round; absent in a state written before stages were read. */
  stages?: AnnouncedStage[];
}

/** A vacancy's published stage list: who went through. */
interface StageListState {
  index: number;
  codes: string[];
}

interface MarkingPlanState {
  index: number;
  markerIds: string[];
  chiefId: string;
  /** Each script of the plan (and any added late) with its markings and the decision on an appeal. */
  scripts: Record<
    string,
    { markings: { role: string; markerId: string; index: number }[]; appealIndex: number | null }
  >;
}

export interface MonitorState {
  /** Entries checked so far: the next entry expected is this index. */
  size: number;
  sittings: Record<string, SittingState>;
  certificates: Record<string, CertificateState>;
  /** The revisions each re-scoring job caused, until its rescoring.completed. */
  jobs: Record<string, { sittingCode: string; revision: number; index: number; results: RevisionResult[] }[]>;
  completedJobs: Record<string, number>;
  rounds: Record<string, RoundState>;
  vacancies: Record<string, VacancyState>;
  /** `vacancy/candidate/member` → the commitment and its entry, until revealed. */
  commitments: Record<string, { commitment: string; index: number }>;
  /** Per vacancy, the published list of each stage by position (7); optional in older states. */
  stageLists?: Record<string, Record<string, StageListState>>;
  /** Per sitting, its written work's marking plan and markings (8); optional in older states. */
  markingPlans?: Record<string, MarkingPlanState>;
  /** The sitting whose revision's results are being read, until its sitting.results_published. */
  openRevision: string | null;
  /**
   * The revision just published, while the certificate entries that follow it in the same publication are
   * read; its certificates are checked at the first entry of another kind.
   */
  openPublication: { sittingCode: string; revision: number; index: number; changed: string[] } | null;
}

export function emptyMonitorState(): MonitorState {
  return {
    size: 0,
    sittings: {},
    certificates: {},
    jobs: {},
    completedJobs: {},
    rounds: {},
    vacancies: {},
    commitments: {},
    stageLists: {},
    markingPlans: {},
    openRevision: null,
    openPublication: null,
  };
}

/** The instant `years` calendar years after `from`, as the certificate service computes it (UTC). */
export function yearsAfter(from: string, years: number): string {
  const until = new Date(from);
  until.setUTCFullYear(until.getUTCFullYear() + years);
  return until.toISOString();
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const commitmentKey = (vacancyCode: string, candidateCode: string, memberId: string) =>
  `${vacancyCode}/${candidateCode}/${memberId}`;
const differs = (a: ResultRef, b: ResultRef) =>
  a.points !== b.points || a.passed !== b.passed || a.maxPoints !== b.maxPoints;

/** Two gates alike field by field (an entry's keys come in canonical order, not the order written here). */
const sameGate = (a: Gate, b: Gate) =>
  a.minScore === b.minScore &&
  a.ties === b.ties &&
  (a.top === null || b.top === null ? a.top === b.top : a.top.kind === b.top.kind && a.top.value === b.top.value);

/** The fields of an announced vacancy that later entries repeat and must not change. */
const FROZEN_VACANCY_FIELDS = ['roundCode', 'agencyCode', 'agencyName', 'position', 'categoryCode'] as const;

/**
 * Checks `entries` (consecutive, starting at `state.size`) against the invariants, after everything
 * `state` remembers. Returns the new state (the given one is not changed) and the violations found.
 */
export function checkEntries(
  previous: MonitorState,
  entries: readonly IndexedEntry[],
  rules: MonitorRules = DEFAULT_MONITOR_RULES,
): { state: MonitorState; violations: Violation[] } {
  const state = structuredClone(previous);
  const stageLists = (state.stageLists ??= {});
  const markingPlans = (state.markingPlans ??= {});
  const violations: Violation[] = [];
  const report = (invariant: InvariantNumber, message: string, ...involved: (number | null | undefined)[]) =>
    violations.push({
      invariant,
      message,
      entries: involved.filter((i): i is number => typeof i === 'number'),
    });

  const sittingOf = (code: string): SittingState =>
    (state.sittings[code] ??= { categoryCode: null, revision: 0, summaryIndex: null, current: {}, pending: null });

  /** The candidate's result as it stands, counting a revision still being logged. */
  const currentResult = (sitting: SittingState, candidateCode: string): ResultRef | undefined =>
    sitting.pending?.results.find((r) => r.candidateCode === candidateCode) ?? sitting.current[candidateCode];

  /**
   * 1: a revision's results and its sitting.results_published are one append, so an entry of anything
   * else while a revision is open means it was never closed.
   */
  function closeRevision(e: { type: string; [field: string]: unknown }) {
    const code = state.openRevision;
    if (code === null) return;
    if ((e.type === 'result.published' || e.type === 'sitting.results_published') && e['sittingCode'] === code) return;
    const sitting = state.sittings[code]!;
    if (sitting.pending)
      report(
        1,
        `sitting ${code}: results of revision ${sitting.pending.revision} are logged without the sitting.results_published that publishes them`,
        ...sitting.pending.results.map((r) => r.index),
      );
    sitting.pending = null;
    state.openRevision = null;
  }

  /**
   * 2: the certificates follow their results in the same publication: once its certificate entries are read,
   * no valid certificate of the sitting names a result that fails, and every result it changed to a pass
   * holds a valid certificate.
   */
  function closePublication(e: { type: string }) {
    const open = state.openPublication;
    if (open === null || e.type === 'certificate.issued' || e.type === 'certificate.revoked') return;
    state.openPublication = null;
    const sitting = state.sittings[open.sittingCode]!;
    const valid = new Map<string, { code: string; index: number }>();
    for (const [code, cert] of Object.entries(state.certificates)) {
      if (cert.status !== 'valid' || cert.sittingCode !== open.sittingCode) continue;
      valid.set(cert.candidateCode, { code, index: cert.index });
      const result = sitting.current[cert.candidateCode];
      // One issued for a result that already failed is reported where it is issued.
      if (result && !result.passed && result.index > cert.index)
        report(
          2,
          `certificate ${code} stays valid though candidate ${cert.candidateCode}'s current result of sitting ${open.sittingCode} does not pass`,
          cert.index,
          result.index,
        );
    }
    for (const candidateCode of open.changed) {
      const result = sitting.current[candidateCode];
      if (result?.passed && !valid.has(candidateCode))
        report(
          2,
          `candidate ${candidateCode} passes in revision ${open.revision} of sitting ${open.sittingCode} but holds no valid certificate`,
          open.index,
          result.index,
        );
    }
  }

  for (const { index, entry } of entries) {
    const e = entry as Record<string, unknown> & { type: string };
    closeRevision(e);
    closePublication(e);
    switch (e.type) {
      case 'result.published': {
        const sittingCode = e['sittingCode'] as string;
        const candidateCode = e['candidateCode'] as string;
        const revision = e['revision'] as number;
        const sitting = sittingOf(sittingCode);
        const result: ResultRef = {
          index,
          points: e['points'] as number,
          maxPoints: e['maxPoints'] as number,
          passed: e['passed'] as boolean,
        };
        if (sitting.pending && sitting.pending.revision !== revision) {
          report(
            1,
            `sitting ${sittingCode}: a result of revision ${revision} while revision ${sitting.pending.revision} is still open`,
            sitting.pending.results[0]?.index,
            index,
          );
          sitting.pending = null;
        }
        if (!sitting.pending) {
          if (revision !== sitting.revision + 1) {
            report(
              1,
              `sitting ${sittingCode}: candidate ${candidateCode} gets a result in revision ${revision}, but the sitting's last revision is ${sitting.revision}: ${revision <= sitting.revision ? 'a second result for a revision already published' : 'revisions skipped'}`,
              sitting.summaryIndex,
              index,
            );
          }
          sitting.pending = { revision, results: [] };
          state.openRevision = sittingCode;
        }
        const twice = sitting.pending.results.find((r) => r.candidateCode === candidateCode);
        if (twice) {
          report(
            1,
            `sitting ${sittingCode}: candidate ${candidateCode} has two results in revision ${revision}`,
            twice.index,
            index,
          );
          continue;
        }
        sitting.pending.results.push({ ...result, candidateCode, before: sitting.current[candidateCode] ?? null });
        break;
      }

      case 'sitting.results_published': {
        const sittingCode = e['sittingCode'] as string;
        const revision = e['revision'] as number;
        const sitting = sittingOf(sittingCode);
        const pending = sitting.pending ?? { revision, results: [] };
        if (pending.revision !== revision || revision !== sitting.revision + 1) {
          report(
            1,
            `sitting ${sittingCode}: revision ${revision} published after revision ${sitting.revision}${sitting.pending ? ` with results logged for revision ${pending.revision}` : ''}`,
            sitting.summaryIndex,
            index,
          );
        }
        if (sitting.categoryCode !== null && sitting.categoryCode !== e['categoryCode'])
          report(1, `sitting ${sittingCode}: its category changed between revisions`, sitting.summaryIndex, index);
        const cause = e['cause'] as { jobId?: string } | undefined;
        if (revision > 1) {
          for (const r of pending.results) {
            if (r.before && !differs(r, r.before))
              report(
                3,
                `sitting ${sittingCode} revision ${revision} re-publishes candidate ${r.candidateCode}'s result unchanged (${r.points}/${r.maxPoints}, ${r.passed ? 'passed' : 'failed'})`,
                r.before.index,
                r.index,
              );
          }
        }
        if (cause?.jobId !== undefined) {
          if (state.completedJobs[cause.jobId] !== undefined)
            report(
              3,
              `sitting ${sittingCode} revision ${revision} is caused by re-scoring job ${cause.jobId}, which had already completed`,
              state.completedJobs[cause.jobId],
              index,
            );
          (state.jobs[cause.jobId] ??= []).push({ sittingCode, revision, index, results: pending.results });
        }
        for (const r of pending.results)
          sitting.current[r.candidateCode] = {
            index: r.index,
            points: r.points,
            maxPoints: r.maxPoints,
            passed: r.passed,
          };
        sitting.pending = null;
        state.openRevision = null;
        state.openPublication = { sittingCode, revision, index, changed: pending.results.map((r) => r.candidateCode) };
        sitting.revision = Math.max(sitting.revision, revision);
        sitting.summaryIndex = index;
        sitting.categoryCode = e['categoryCode'] as string;
        break;
      }

      case 'certificate.issued': {
        const code = e['certificateCode'] as string;
        const candidateCode = e['candidateCode'] as string;
        const sittingCode = e['sittingCode'] as string;
        const sitting = state.sittings[sittingCode];
        const result = sitting ? currentResult(sitting, candidateCode) : undefined;
        if (!result) {
          report(
            2,
            `certificate ${code} names candidate ${candidateCode} of sitting ${sittingCode}, who has no published result`,
            index,
          );
        } else if (!result.passed) {
          report(
            2,
            `certificate ${code} is issued for candidate ${candidateCode} of sitting ${sittingCode}, whose current result did not pass`,
            result.index,
            index,
          );
        }
        if (sitting?.categoryCode && sitting.categoryCode !== e['categoryCode'])
          report(
            2,
            `certificate ${code} is for category ${String(e['categoryCode'])}, the sitting ${sittingCode} for ${sitting.categoryCode}`,
            sitting.summaryIndex,
            index,
          );
        const issuedAt = e['issuedAt'] as string;
        const expected = yearsAfter(issuedAt, rules.certificateValidYears);
        if (e['validUntil'] !== expected)
          report(
            2,
            `certificate ${code} is valid until ${String(e['validUntil'])}; the rules give ${rules.certificateValidYears} years from ${issuedAt}, ${expected}`,
            index,
          );
        const existing = state.certificates[code];
        if (existing && existing.status === 'valid')
          report(2, `certificate ${code} is issued again while still valid`, existing.index, index);
        if (e['reinstated'] === true && existing?.status !== 'revoked')
          report(2, `certificate ${code} is "reinstated" but was never revoked`, index);
        const other = Object.entries(state.certificates).find(
          ([c, cert]) =>
            c !== code &&
            cert.status === 'valid' &&
            cert.candidateCode === candidateCode &&
            cert.sittingCode === sittingCode,
        );
        if (other)
          report(
            2,
            `candidate ${candidateCode} of sitting ${sittingCode} already holds valid certificate ${other[0]}`,
            other[1].index,
            index,
          );
        state.certificates[code] = { candidateCode, sittingCode, status: 'valid', index };
        break;
      }

      case 'certificate.revoked': {
        const code = e['certificateCode'] as string;
        const existing = state.certificates[code];
        if (!existing || existing.status !== 'valid')
          report(2, `certificate ${code} is revoked but is not a valid certificate`, existing?.index, index);
        state.certificates[code] = {
          candidateCode: e['candidateCode'] as string,
          sittingCode: e['sittingCode'] as string,
          status: 'revoked',
          index,
        };
        break;
      }

      case 'rescoring.completed': {
        const jobId = e['jobId'] as string;
        const revisions = state.jobs[jobId] ?? [];
        const listed = e['results'] as
          | {
              sittingCode: string;
              candidateCode: string;
              pointsBefore: number;
              pointsAfter: number;
              passedBefore: boolean;
              passedAfter: boolean;
            }[]
          | undefined;
        if (listed) {
          const key = (s: string, c: string) => `${s}\u0000${c}`;
          const published = new Map<string, { revision: number; revisionIndex: number; result: RevisionResult }>();
          for (const r of revisions)
            for (const result of r.results)
              published.set(key(r.sittingCode, result.candidateCode), {
                revision: r.revision,
                revisionIndex: r.index,
                result,
              });
          const seen = new Set<string>();
          for (const change of listed) {
            const k = key(change.sittingCode, change.candidateCode);
            seen.add(k);
            const found = published.get(k);
            if (!found) {
              report(
                3,
                `re-scoring job ${jobId} changed candidate ${change.candidateCode}'s result in published sitting ${change.sittingCode}, but no revision it caused lists it`,
                ...revisions.map((r) => r.index),
                index,
              );
              continue;
            }
            const { result } = found;
            if (result.points !== change.pointsAfter || result.passed !== change.passedAfter)
              report(
                3,
                `re-scoring job ${jobId} says candidate ${change.candidateCode} of ${change.sittingCode} now has ${change.pointsAfter} (${change.passedAfter ? 'pass' : 'fail'}); revision ${found.revision} published ${result.points} (${result.passed ? 'pass' : 'fail'})`,
                result.index,
                index,
              );
            if (
              result.before &&
              (result.before.points !== change.pointsBefore || result.before.passed !== change.passedBefore)
            )
              report(
                3,
                `re-scoring job ${jobId} says candidate ${change.candidateCode} of ${change.sittingCode} had ${change.pointsBefore} (${change.passedBefore ? 'pass' : 'fail'}); the result it replaced was ${result.before.points} (${result.before.passed ? 'pass' : 'fail'})`,
                result.before.index,
                result.index,
                index,
              );
          }
          for (const [k, { revision, result }] of published) {
            const moved =
              !result.before || result.before.points !== result.points || result.before.passed !== result.passed;
            if (moved && !seen.has(k))
              report(
                3,
                `revision ${revision} of sitting ${k.split('\u0000')[0]} caused by re-scoring job ${jobId} changes candidate ${result.candidateCode}'s result, which the job does not list as changed`,
                result.index,
                index,
              );
          }
          const sittings = new Set(e['sittings'] as string[]);
          for (const change of listed)
            if (!sittings.has(change.sittingCode))
              report(
                3,
                `re-scoring job ${jobId} lists a change in sitting ${change.sittingCode} but not the sitting`,
                index,
              );
          if (listed.length > (e['changed'] as number))
            report(
              3,
              `re-scoring job ${jobId} lists ${listed.length} changed published results but counts ${String(e['changed'])} changes`,
              index,
            );
        }
        delete state.jobs[jobId];
        state.completedJobs[jobId] = index;
        break;
      }

      case 'round.announced': {
        const roundCode = e['roundCode'] as string;
        const existing = state.rounds[roundCode];
        if (existing) report(6, `round ${roundCode} is announced a second time`, existing.index, index);
        else {
          const rubric = e['rubric'] as { maxPoints: number }[];
          state.rounds[roundCode] = {
            index,
            testWeight: e['testWeight'] as number,
            interviewWeight: e['interviewWeight'] as number,
            interviewMaxPoints: rubric.reduce((n, c) => n + c.maxPoints, 0),
            stages: ((e['stages'] as AnnouncedStage[] | undefined) ?? []).map(
              ({ position, kind, weight, minScore, top, ties }) => ({ position, kind, weight, minScore, top, ties }),
            ),
          };
        }
        break;
      }

      case 'vacancy.announced': {
        const code = e['vacancyCode'] as string;
        const { type: _type, time: _time, ...fields } = e;
        const existing = state.vacancies[code];
        if (existing) {
          report(
            6,
            `vacancy ${code} is announced again${sameJson(existing.fields, fields) ? '' : ' with different fields'}`,
            existing.index,
            index,
          );
          break;
        }
        state.vacancies[code] = {
          index,
          fields,
          places: e['places'] as number,
          roundCode: e['roundCode'] as string,
          ranking: null,
          appointed: [],
          closedIndex: null,
        };
        break;
      }

      case 'vacancy.closed': {
        const code = e['vacancyCode'] as string;
        const vacancy = state.vacancies[code];
        if (!vacancy) report(6, `vacancy ${code} is closed but was never announced`, index);
        else vacancy.closedIndex = index;
        break;
      }

      case 'interview.score_committed': {
        const k = commitmentKey(e['vacancyCode'] as string, e['candidateCode'] as string, e['memberId'] as string);
        const existing = state.commitments[k];
        if (existing)
          report(
            5,
            `panel member ${String(e['memberId'])} commits twice to scores for candidate ${String(e['candidateCode'])} of vacancy ${String(e['vacancyCode'])}`,
            existing.index,
            index,
          );
        else state.commitments[k] = { commitment: e['commitment'] as string, index };
        if (!state.vacancies[e['vacancyCode'] as string])
          report(6, `interview scores for vacancy ${String(e['vacancyCode'])}, which was never announced`, index);
        break;
      }

      case 'vacancy.ranking_published': {
        const code = e['vacancyCode'] as string;
        const vacancy = state.vacancies[code];
        const ranking = e['ranking'] as {
          rank: number;
          candidateCode: string;
          testScore: number;
          interviewScore: number;
          finalScore: number;
        }[];
        const reserve = e['reserve'] as { rank: number; candidateCode: string }[];
        const places = e['places'] as number;

        // 5: every reveal opens an earlier commitment, and every commitment for the vacancy is revealed.
        const reveals = e['reveals'] as {
          candidateCode: string;
          memberId: string;
          scores: CriterionScores;
          salt: string;
          commitment: string;
          commitmentLogIndex: number | null;
        }[];
        for (const reveal of reveals) {
          const k = commitmentKey(code, reveal.candidateCode, reveal.memberId);
          const committed = state.commitments[k];
          if (!committed) {
            report(
              5,
              `vacancy ${code} reveals scores of member ${reveal.memberId} for candidate ${reveal.candidateCode} that were never committed`,
              index,
            );
            continue;
          }
          delete state.commitments[k];
          if (
            committed.commitment !== reveal.commitment ||
            (reveal.commitmentLogIndex !== null && reveal.commitmentLogIndex !== committed.index)
          )
            report(
              5,
              `vacancy ${code}: the revealed commitment of member ${reveal.memberId} for candidate ${reveal.candidateCode} is not the one logged`,
              committed.index,
              index,
            );
          else if (!verifyCommitment(committed.commitment, reveal.scores, reveal.salt))
            report(
              5,
              `vacancy ${code}: member ${reveal.memberId}'s revealed scores for candidate ${reveal.candidateCode} do not match their commitment`,
              committed.index,
              index,
            );
        }
        for (const [k, committed] of Object.entries(state.commitments)) {
          if (!k.startsWith(`${code}/`)) continue;
          report(
            5,
            `vacancy ${code}'s ranking does not reveal the committed scores ${k.slice(code.length + 1)}`,
            committed.index,
            index,
          );
          delete state.commitments[k];
        }

        // 4: the ranking is in rank order, and its reserve is the ranking after the places.
        const sorted = [...ranking].sort((a, b) => a.rank - b.rank);
        sorted.forEach((r, i) => {
          if (r.rank !== i + 1)
            report(4, `vacancy ${code}'s ranking has no rank ${i + 1} (found ${r.rank} for ${r.candidateCode})`, index);
          const better = sorted[i - 1];
          if (better && better.finalScore < r.finalScore)
            report(
              4,
              `vacancy ${code}'s ranking puts ${better.candidateCode} (${better.finalScore}) above ${r.candidateCode} (${r.finalScore})`,
              index,
            );
        });
        const expectedReserve = sorted.slice(places).map((r) => r.candidateCode);
        if (
          !sameJson(
            reserve.map((r) => r.candidateCode),
            expectedReserve,
          )
        )
          report(4, `vacancy ${code}'s reserve list is not its ranking after the ${places} places`, index);

        // 6: the vacancy and its round as announced.
        if (!vacancy) {
          report(6, `vacancy ${code} is ranked but was never announced`, index);
        } else {
          if (vacancy.ranking) report(4, `vacancy ${code} is ranked a second time`, vacancy.ranking.index, index);
          if (places !== vacancy.places)
            report(
              6,
              `vacancy ${code} was announced with ${vacancy.places} places; its ranking says ${places}`,
              vacancy.index,
              index,
            );
          if (e['roundCode'] !== vacancy.roundCode)
            report(
              6,
              `vacancy ${code} was announced in round ${vacancy.roundCode}; its ranking says ${String(e['roundCode'])}`,
              vacancy.index,
              index,
            );
          vacancy.ranking = {
            index,
            order: sorted.map((r) => r.candidateCode),
            byCode: Object.fromEntries(sorted.map(({ candidateCode, ...scores }) => [candidateCode, scores])),
          };
        }
        const round = state.rounds[e['roundCode'] as string];
        const weights = e['weights'] as { test: number; interview: number };
        if (round) {
          if (round.testWeight !== weights.test || round.interviewWeight !== weights.interview)
            report(
              6,
              `vacancy ${code} is ranked with weights ${weights.test}/${weights.interview}; round ${String(e['roundCode'])} announced ${round.testWeight}/${round.interviewWeight}`,
              round.index,
              index,
            );
          if (round.interviewMaxPoints !== e['interviewMaxPoints'])
            report(
              6,
              `vacancy ${code} is ranked out of ${String(e['interviewMaxPoints'])} interview points; the announced rubric gives ${round.interviewMaxPoints}`,
              round.index,
              index,
            );
        }
        break;
      }

      case 'appointment.made': {
        const code = e['vacancyCode'] as string;
        const candidateCode = e['candidateCode'] as string;
        const vacancy = state.vacancies[code];
        if (!vacancy) {
          report(6, `an appointment to vacancy ${code}, which was never announced`, index);
          break;
        }
        for (const field of FROZEN_VACANCY_FIELDS)
          if (!sameJson(vacancy.fields[field], e[field]))
            report(6, `vacancy ${code}'s ${field} changed after its announcement`, vacancy.index, index);
        if (vacancy.closedIndex !== null)
          report(4, `an appointment to vacancy ${code} after it was closed`, vacancy.closedIndex, index);
        const ranking = vacancy.ranking;
        if (!ranking) {
          report(4, `an appointment to vacancy ${code} before its ranking was published`, vacancy.index, index);
          break;
        }
        const ranked = ranking.byCode[candidateCode];
        const done = new Set(vacancy.appointed.map((a) => a.candidateCode));
        const next = ranking.order.find((c) => !done.has(c));
        if (done.has(candidateCode)) {
          report(
            4,
            `candidate ${candidateCode} is appointed to vacancy ${code} twice`,
            vacancy.appointed.find((a) => a.candidateCode === candidateCode)?.index,
            index,
          );
          break;
        }
        if (!ranked)
          report(
            4,
            `candidate ${candidateCode} is appointed to vacancy ${code} but is not on its ranking`,
            ranking.index,
            index,
          );
        else {
          if (next !== candidateCode)
            report(
              4,
              `candidate ${candidateCode} (rank ${ranked.rank}) is appointed to vacancy ${code} before ${next ?? 'nobody'}, ranked better`,
              ranking.index,
              index,
            );
          if (
            e['rank'] !== ranked.rank ||
            e['finalScore'] !== ranked.finalScore ||
            e['testScore'] !== ranked.testScore ||
            e['interviewScore'] !== ranked.interviewScore
          )
            report(
              4,
              `the appointment of ${candidateCode} to vacancy ${code} carries other rank or scores than the ranking`,
              ranking.index,
              index,
            );
        }
        if (vacancy.appointed.length >= vacancy.places)
          report(
            4,
            `vacancy ${code} has ${vacancy.places} place(s), and this is appointment ${vacancy.appointed.length + 1}`,
            ...vacancy.appointed.map((a) => a.index),
            index,
          );
        vacancy.appointed.push({ candidateCode, index });
        break;
      }

      case 'stage.advanced': {
        const vacancyCode = e['vacancyCode'] as string;
        const roundCode = e['roundCode'] as string;
        const position = e['stage'] as number;
        const gate = e['gate'] as Gate;
        const advanced = e['advanced'] as { candidateCode: string; score: number; rank: number }[];
        const withResult = e['withResult'] as number;
        const candidates = e['candidates'] as number;
        const where = `vacancy ${vacancyCode} stage ${position}`;
        const lists = (stageLists[vacancyCode] ??= {});
        const vacancy = state.vacancies[vacancyCode];
        if (!vacancy) report(7, `${where}: the vacancy was never announced`, index);
        else if (vacancy.roundCode !== roundCode)
          report(
            7,
            `${where}: the vacancy was announced in round ${vacancy.roundCode}, not ${roundCode}`,
            vacancy.index,
            index,
          );

        // The stage as the round announced it.
        const round = state.rounds[roundCode];
        const announced = round?.stages?.find((s) => s.position === position);
        if (round?.stages) {
          if (!announced) report(7, `${where}: round ${roundCode} announced no stage ${position}`, round.index, index);
          else if (
            announced.kind !== e['kind'] ||
            announced.weight !== e['weight'] ||
            !sameGate(announced, gate) ||
            round.stages.length !== e['stages']
          )
            report(
              7,
              `${where}: its kind, weight or gate is not the one round ${roundCode} announced`,
              round.index,
              index,
            );
        }

        // Once, in order, and only those on the previous stage's list.
        const again = lists[String(position)];
        if (again) report(7, `${where} is advanced a second time`, again.index, index);
        const previousList = position > 1 ? lists[String(position - 1)] : undefined;
        if (position > 1 && !previousList)
          report(7, `${where} is advanced before stage ${position - 1}'s list was published`, index);
        const seen = new Set<string>();
        for (const a of advanced) {
          if (seen.has(a.candidateCode)) report(7, `${where} names candidate ${a.candidateCode} twice`, index);
          seen.add(a.candidateCode);
          if (previousList && !previousList.codes.includes(a.candidateCode))
            report(
              7,
              `${where} lets candidate ${a.candidateCode} through, who is not on stage ${position - 1}'s list`,
              previousList.index,
              index,
            );
        }
        if (previousList && candidates > previousList.codes.length)
          report(
            7,
            `${where} counts ${candidates} candidates; only ${previousList.codes.length} went through stage ${position - 1}`,
            previousList.index,
            index,
          );
        if (advanced.length > withResult || withResult > candidates)
          report(
            7,
            `${where}: ${advanced.length} through of ${withResult} with a result of ${candidates} candidates`,
            index,
          );

        // The gate: everyone scoring above one who went through went through too, so ranks are recomputable.
        const limit = topLimit(gate.top, withResult);
        for (const a of advanced) {
          if (gate.minScore !== null && a.score < gate.minScore)
            report(
              7,
              `${where} lets candidate ${a.candidateCode} through with ${a.score}, below the minimum ${gate.minScore}`,
              index,
            );
          const rank = 1 + advanced.filter((b) => b.score > a.score).length;
          if (a.rank !== rank)
            report(
              7,
              `${where} ranks candidate ${a.candidateCode} (${a.score}) ${a.rank}; the scores give ${rank}`,
              index,
            );
          if (rank > limit)
            report(
              7,
              `${where} lets candidate ${a.candidateCode} through at rank ${rank}, beyond the top ${limit}`,
              index,
            );
        }
        if (gate.ties === 'exclude' && advanced.length > limit)
          report(
            7,
            `${where} lets ${advanced.length} through; the top limit is ${limit} and ties at it are excluded`,
            index,
          );
        lists[String(position)] = { index, codes: advanced.map((a) => a.candidateCode) };
        break;
      }

      case 'marking.plan_published': {
        const sittingCode = e['sittingCode'] as string;
        const markerIds = e['markerIds'] as string[];
        const chiefId = e['chiefId'] as string;
        const existing = markingPlans[sittingCode];
        if (existing) {
          report(8, `sitting ${sittingCode}'s marking plan is published a second time`, existing.index, index);
          break;
        }
        if (new Set(markerIds).size !== markerIds.length)
          report(8, `sitting ${sittingCode}'s marking plan lists a marker twice`, index);
        if (markerIds.includes(chiefId))
          report(8, `sitting ${sittingCode}'s chief marker ${chiefId} is also one of its blind markers`, index);
        markingPlans[sittingCode] = {
          index,
          markerIds,
          chiefId,
          scripts: Object.fromEntries(
            (e['scripts'] as string[]).map((code) => [code, { markings: [], appealIndex: null }]),
          ),
        };
        break;
      }

      case 'marking.scripts_added': {
        const sittingCode = e['sittingCode'] as string;
        const plan = markingPlans[sittingCode];
        if (!plan) {
          report(8, `late scripts for sitting ${sittingCode}, which has no published marking plan`, index);
          break;
        }
        for (const code of e['scripts'] as string[]) {
          if (plan.scripts[code]) report(8, `sitting ${sittingCode}: script ${code} is added again`, plan.index, index);
          else plan.scripts[code] = { markings: [], appealIndex: null };
        }
        break;
      }

      case 'marking.committed': {
        const sittingCode = e['sittingCode'] as string;
        const code = e['scriptCode'] as string;
        const role = e['role'] as string;
        const markerId = e['markerId'] as string;
        const plan = markingPlans[sittingCode];
        const script = plan?.scripts[code];
        if (!plan || !script) {
          report(
            8,
            `a marking of script ${code}, which no published plan of sitting ${sittingCode} holds`,
            plan?.index,
            index,
          );
          break;
        }
        const twice = script.markings.find((m) => m.markerId === markerId);
        if (twice) report(8, `marker ${markerId} marks script ${code} a second time`, twice.index, index);
        const sameRole = script.markings.find((m) => m.role === role);
        if (sameRole) report(8, `script ${code} gets a second ${role} marking`, sameRole.index, index);
        if (role === 'chief') {
          if (markerId !== plan.chiefId)
            report(8, `script ${code}'s third marking is by ${markerId}, not the plan's chief`, plan.index, index);
          if (!script.markings.some((m) => m.role === 'first') || !script.markings.some((m) => m.role === 'second'))
            report(8, `script ${code} is marked by the chief before both blind markings`, plan.index, index);
        } else if (!plan.markerIds.includes(markerId))
          report(
            8,
            `script ${code}'s ${role} marking is by ${markerId}, who is not one of the plan's markers`,
            plan.index,
            index,
          );
        script.markings.push({ role, markerId, index });
        break;
      }

      case 'marking.appeal_decided': {
        const sittingCode = e['sittingCode'] as string;
        const code = e['scriptCode'] as string;
        const deciderId = e['deciderId'] as string;
        const script = markingPlans[sittingCode]?.scripts[code];
        if (!script) {
          report(
            8,
            `an appeal decided on script ${code}, which no published plan of sitting ${sittingCode} holds`,
            index,
          );
          break;
        }
        if (script.appealIndex !== null)
          report(8, `the appeal on script ${code} is decided a second time`, script.appealIndex, index);
        const marked = script.markings.find((m) => m.markerId === deciderId);
        if (marked)
          report(8, `the appeal on script ${code} is decided by ${deciderId}, who marked it`, marked.index, index);
        script.appealIndex = index;
        break;
      }

      default:
        // Types the rules do not read (statistics, sitting times, rulings): the schema alone covers them.
        break;
    }
  }

  state.size = entries.length > 0 ? entries.at(-1)!.index + 1 : state.size;
  return { state, violations };
}
