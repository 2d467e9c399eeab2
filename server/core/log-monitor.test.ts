import { describe, expect, it } from 'vitest';
import { createLogEntryValidator, LOG_ENTRY_TYPES, logEntrySchema } from './log-entry-schema';
import { checkEntries, emptyMonitorState, type IndexedEntry, type Violation } from './log-monitor';
import { scoreCommitment } from './score-commitment';

const T = '2026-03-01T10:00:00.000Z';
const JOB = '0b5c3f7e-8a1d-4c2e-9f00-000000000001';
const MEMBER_A = '0b5c3f7e-8a1d-4c2e-9f00-00000000000a';
const MEMBER_B = '0b5c3f7e-8a1d-4c2e-9f00-00000000000b';
const SALT = 'ab'.repeat(16);
const uuid = (n: number) => `0b5c3f7e-8a1d-4c2e-9f00-${String(n).padStart(12, '0')}`;
const az = (text: string) => ({ az: text, en: text });

type Entry = IndexedEntry['entry'];

const result = (candidateCode: string, points: number, revision = 1, sittingCode = 'S1'): Entry => ({
  type: 'result.published',
  time: T,
  sittingCode,
  candidateCode,
  points,
  maxPoints: 10,
  passed: points >= 5,
  sections: [{ index: 0, points, maxPoints: 10 }],
  scoringVersion: 1,
  inputDigest: `digest-${candidateCode}-${points}`,
  revision,
});

const summary = (revision: number, cause?: Record<string, string>, sittingCode = 'S1'): Entry => ({
  type: 'sitting.results_published',
  time: T,
  sittingCode,
  categoryCode: 'BA',
  startsAt: T,
  revision,
  statistics: { registered: 3, absent: 0, annulled: 0, sat: 3, passed: 2, distribution: [] },
  appealClosesAt: T,
  ...(cause ? { cause } : {}),
});

const certificate = (code: string, candidateCode: string, validUntil = '2031-03-01T10:00:00.000Z'): Entry => ({
  type: 'certificate.issued',
  time: T,
  certificateCode: code,
  candidateCode,
  sittingCode: 'S1',
  categoryCode: 'BA',
  covers: ['BA'],
  issuedAt: T,
  validUntil,
});

const revoked = (code: string, candidateCode: string): Entry => ({
  type: 'certificate.revoked',
  time: T,
  certificateCode: code,
  candidateCode,
  sittingCode: 'S1',
  reason: 're-scoring',
  revokedAt: T,
});

const rescored = (results: Record<string, unknown>[]): Entry => ({
  type: 'rescoring.completed',
  time: T,
  jobId: JOB,
  rulingId: uuid(2),
  versionId: uuid(3),
  processed: 3,
  changed: results.length,
  nowPassing: 0,
  nowFailing: 1,
  sittings: ['S1'],
  results,
});

const roundAnnounced: Entry = {
  type: 'round.announced',
  time: T,
  roundCode: 'R1',
  title: az('Round'),
  testWeight: 1,
  interviewWeight: 1,
  rubric: [
    { key: 'a', name: az('A'), maxPoints: 5 },
    { key: 'b', name: az('B'), maxPoints: 5 },
  ],
  applicationLimit: 3,
  vacancies: ['V1'],
  announcedAt: T,
};

const vacancyAnnounced = (places = 1): Entry => ({
  type: 'vacancy.announced',
  time: T,
  vacancyCode: 'V1',
  roundCode: 'R1',
  agencyCode: 'AG',
  agencyName: az('Agency'),
  position: az('Clerk'),
  categoryCode: 'BA',
  places,
  location: 'Bakı',
  requirements: az('None'),
  interviewProgramme: az('Talk'),
  applicationDeadline: T,
  announcedAt: T,
});

const scoresOf: Record<string, Record<string, number>> = { C1: { a: 5, b: 4 }, C2: { a: 3, b: 3 } };

const committed = (candidateCode: string, memberId: string, scores = scoresOf[candidateCode]!): Entry => ({
  type: 'interview.score_committed',
  time: T,
  vacancyCode: 'V1',
  roundCode: 'R1',
  candidateCode,
  memberId,
  commitment: scoreCommitment(scores, SALT),
  enteredAt: T,
});

const reveal = (
  candidateCode: string,
  memberId: string,
  commitmentLogIndex: number,
  scores = scoresOf[candidateCode]!,
) => ({
  candidateCode,
  memberId,
  scores,
  salt: SALT,
  commitment: scoreCommitment(scoresOf[candidateCode]!, SALT),
  commitmentLogIndex,
});

const ranking = (reveals: ReturnType<typeof reveal>[], places = 1): Entry => ({
  type: 'vacancy.ranking_published',
  time: T,
  vacancyCode: 'V1',
  roundCode: 'R1',
  weights: { test: 1, interview: 1 },
  interviewMaxPoints: 10,
  places,
  ranking: [
    { rank: 1, candidateCode: 'C1', testScore: 80, interviewScore: 90, finalScore: 85 },
    { rank: 2, candidateCode: 'C2', testScore: 70, interviewScore: 60, finalScore: 65 },
  ],
  reserve: [{ rank: 2, candidateCode: 'C2', finalScore: 65 }].slice(places - 1),
  absent: [],
  reveals,
  publishedAt: T,
});

const appointment = (candidateCode: string, overrides: Record<string, unknown> = {}): Entry => {
  const rank = candidateCode === 'C1' ? 1 : 2;
  const scores = candidateCode === 'C1' ? [80, 90, 85] : [70, 60, 65];
  return {
    type: 'appointment.made',
    time: T,
    vacancyCode: 'V1',
    roundCode: 'R1',
    fullName: `Person ${candidateCode}`,
    candidateCode,
    position: az('Clerk'),
    agencyCode: 'AG',
    agencyName: az('Agency'),
    categoryCode: 'BA',
    rank,
    testScore: scores[0]!,
    interviewScore: scores[1]!,
    finalScore: scores[2]!,
    appointedAt: T,
    appointedBy: { fullName: 'Official', role: 'administrator' },
    ...overrides,
  };
};

/** A clean history: publication, certificates, a re-scoring that fails C2, a competition with an appointment. */
function cleanLog(): Entry[] {
  return [
    { type: 'log.opened', time: T, origin: 'example.org/log', verifierKey: 'example.org/log+00000000+AQ' },
    result('C1', 8),
    result('C2', 6),
    result('C3', 2),
    summary(1),
    certificate('CERT-1', 'C1'),
    certificate('CERT-2', 'C2'),
    result('C2', 4, 2),
    summary(2, { jobId: JOB }),
    revoked('CERT-2', 'C2'),
    rescored([
      {
        sittingCode: 'S1',
        candidateCode: 'C2',
        pointsBefore: 6,
        pointsAfter: 4,
        passedBefore: true,
        passedAfter: false,
      },
    ]),
    roundAnnounced,
    vacancyAnnounced(),
    committed('C1', MEMBER_A), // 13
    committed('C2', MEMBER_A), // 14
    committed('C1', MEMBER_B), // 15
    committed('C2', MEMBER_B), // 16
    ranking([
      reveal('C1', MEMBER_A, 13),
      reveal('C2', MEMBER_A, 14),
      reveal('C1', MEMBER_B, 15),
      reveal('C2', MEMBER_B, 16),
    ]),
    appointment('C1'),
  ];
}

const indexed = (entries: Entry[]): IndexedEntry[] => entries.map((entry, index) => ({ index, entry }));
const check = (entries: Entry[]) => checkEntries(emptyMonitorState(), indexed(entries)).violations;
const invariants = (violations: Violation[]) => [...new Set(violations.map((v) => v.invariant))];

/** The clean log with the entry at `at` replaced (or, with `insert`, a new one put before it). */
function planted(at: number, entry: Entry, insert = false): Entry[] {
  const log = cleanLog();
  log.splice(at, insert ? 0 : 1, entry);
  return log;
}

describe('the entry schema', () => {
  const validate = createLogEntryValidator();

  it('is draft 2020-12, versioned, and knows every type the clean history uses', () => {
    expect(logEntrySchema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(logEntrySchema.$id).toMatch(/\/v1$/);
    expect(new Set(cleanLog().map((e) => e.type)).size).toBeLessThanOrEqual(LOG_ENTRY_TYPES.length);
  });

  it('accepts every entry of the clean history', () => {
    for (const entry of cleanLog()) expect(validate(entry), entry.type).toEqual([]);
  });

  it('names the field that is wrong, missing or unexpected, and refuses unknown types', () => {
    expect(validate({ ...result('C1', 8), points: '8' })).toEqual(['/points: must be number']);
    const { candidateCode: _, ...missing } = result('C1', 8);
    expect(validate(missing)).toEqual(["(the entry): must have required property 'candidateCode'"]);
    expect(validate({ ...result('C1', 8), nationalId: '1234567' })).toEqual([
      '(the entry): unexpected field "nationalId"',
    ]);
    expect(validate({ type: 'result.deleted', time: T })).toEqual(['/type: not a known entry type']);
    expect(validate({ ...certificate('X', 'C1'), issuedAt: 'yesterday' })).toEqual([
      '/issuedAt: must match format "date-time"',
    ]);
  });
});

describe('the monitor of the rules', () => {
  it('finds nothing wrong in a clean history, read at once or in any two runs', () => {
    expect(check(cleanLog())).toEqual([]);
    const all = indexed(cleanLog());
    for (let cut = 0; cut <= all.length; cut++) {
      const first = checkEntries(emptyMonitorState(), all.slice(0, cut));
      const state = JSON.parse(JSON.stringify(first.state)) as typeof first.state;
      expect(state.size).toBe(cut);
      expect([...first.violations, ...checkEntries(state, all.slice(cut)).violations]).toEqual([]);
    }
  });

  it('1: a second result for a candidate in a published revision, or twice in one revision', () => {
    const stale = check(planted(5, result('C1', 9, 1), true));
    expect(invariants(stale)).toContain(1);
    expect(stale.find((v) => v.invariant === 1)).toMatchObject({ entries: [4, 5] });
    const opened: Entry = { type: 'log.opened', time: T, origin: 'x', verifierKey: 'y' };
    expect(check([...cleanLog(), result('C3', 7, 3), opened])).toEqual([
      expect.objectContaining({ invariant: 1, entries: [19] }),
    ]);
    const twice = check(planted(2, result('C1', 3)));
    expect(twice.find((v) => v.invariant === 1)).toMatchObject({ entries: [1, 2] });
  });

  it('2: a certificate for a failed result, with the wrong validity, or left valid after a fail', () => {
    expect(check([...cleanLog(), certificate('CERT-3', 'C3')])).toEqual([
      expect.objectContaining({ invariant: 2, entries: [3, 19] }),
    ]);
    expect(check(planted(5, certificate('CERT-1', 'C1', '2036-03-01T10:00:00.000Z')))).toEqual([
      expect.objectContaining({ invariant: 2, entries: [5] }),
    ]);
    // The re-scoring fails C2, but CERT-2 is not revoked.
    const kept = check(planted(9, { type: 'log.opened', time: T, origin: 'x', verifierKey: 'y' }));
    expect(kept).toEqual([expect.objectContaining({ invariant: 2, entries: [6, 7] })]);
    expect(kept[0]!.message).toMatch(/CERT-2 stays valid/);
    const none = check(planted(6, { type: 'log.opened', time: T, origin: 'x', verifierKey: 'y' }));
    expect(none.find((v) => v.entries.join() === '4,2')?.message).toMatch(/C2 passes .* no valid certificate/);
    expect(invariants(none)).toEqual([2]);
  });

  it('3: a re-publication of an unchanged result, or a job whose changes and revisions differ', () => {
    const unchanged = check(planted(8, result('C1', 8, 2), true));
    expect(unchanged.some((v) => v.invariant === 3 && v.entries.join() === '1,8')).toBe(true);
    const unlisted = check(
      planted(
        10,
        rescored([
          {
            sittingCode: 'S1',
            candidateCode: 'C2',
            pointsBefore: 6,
            pointsAfter: 4,
            passedBefore: true,
            passedAfter: false,
          },
          {
            sittingCode: 'S1',
            candidateCode: 'C3',
            pointsBefore: 2,
            pointsAfter: 5,
            passedBefore: false,
            passedAfter: true,
          },
        ]),
      ),
    );
    expect(unlisted).toEqual([expect.objectContaining({ invariant: 3, entries: [8, 10] })]);
    expect(unlisted[0]!.message).toMatch(/C3.*no revision it caused lists it/);
    expect(invariants(check(planted(10, rescored([]))))).toEqual([3]);
  });

  it('4: an appointment out of ranking order, beyond the places, or before the ranking', () => {
    expect(check(planted(18, appointment('C2')))).toEqual([
      expect.objectContaining({ invariant: 4, entries: [17, 18] }),
    ]);
    const beyond = check([...cleanLog(), appointment('C2')]);
    expect(beyond).toEqual([expect.objectContaining({ invariant: 4, entries: [18, 19] })]);
    expect(beyond[0]!.message).toMatch(/1 place/);
    expect(invariants(check(planted(17, appointment('C1'), true)))).toContain(4);
    expect(invariants(check(planted(18, appointment('C1', { finalScore: 99 }))))).toEqual([4]);
  });

  it('5: a revealed score that does not match its commitment, or a commitment never revealed', () => {
    const log = cleanLog();
    const forged = ranking([
      reveal('C1', MEMBER_A, 13, { a: 5, b: 5 }),
      reveal('C2', MEMBER_A, 14),
      reveal('C1', MEMBER_B, 15),
      reveal('C2', MEMBER_B, 16),
    ]);
    log.splice(17, 1, forged);
    expect(check(log)).toEqual([expect.objectContaining({ invariant: 5, entries: [13, 17] })]);
    const hidden = cleanLog();
    hidden.splice(17, 1, ranking([reveal('C1', MEMBER_A, 13), reveal('C2', MEMBER_A, 14), reveal('C1', MEMBER_B, 15)]));
    expect(check(hidden)).toEqual([expect.objectContaining({ invariant: 5, entries: [16, 17] })]);
  });

  it('6: a vacancy announced again with other places, or ranked and appointed with changed fields', () => {
    expect(check([...cleanLog(), vacancyAnnounced(2)])).toEqual([
      expect.objectContaining({ invariant: 6, entries: [12, 19] }),
    ]);
    const reranked = cleanLog();
    reranked.splice(17, 1, { ...reranked[17]!, places: 2, reserve: [] });
    expect(invariants(check(reranked))).toEqual([6]);
    expect(check(planted(18, appointment('C1', { position: az('Director') })))).toEqual([
      expect.objectContaining({ invariant: 6, entries: [12, 18] }),
    ]);
  });
});

/** A staged round (issue 18): test, then written work; and the written work's blind double marking. */
const MARKER_1 = uuid(21);
const MARKER_2 = uuid(22);
const CHIEF = uuid(23);
const stage = (position: number, kind: string, gate: Record<string, unknown>) => ({
  position,
  kind,
  blueprintId: null,
  weight: 1,
  minScore: null,
  top: null,
  ties: 'include',
  ...gate,
});
const STAGES = [stage(1, 'test', { top: { kind: 'number', value: 3 } }), stage(2, 'written', { minScore: 50 })];
const stagedRound: Entry = { ...roundAnnounced, roundCode: 'R2', vacancies: ['V2'], stages: STAGES };
const stagedVacancy: Entry = { ...vacancyAnnounced(), vacancyCode: 'V2', roundCode: 'R2' };

const advancedAt = (
  position: number,
  advanced: [string, number, number][],
  counts: { candidates: number; withResult: number },
  overrides: Record<string, unknown> = {},
): Entry => {
  const { kind, weight, minScore, top, ties } = STAGES[position - 1]!;
  return {
    type: 'stage.advanced',
    time: T,
    roundCode: 'R2',
    vacancyCode: 'V2',
    stage: position,
    stages: STAGES.length,
    kind,
    weight,
    gate: { minScore, top, ties },
    ...counts,
    advanced: advanced.map(([candidateCode, score, rank]) => ({ candidateCode, score, rank })),
    advancedAt: T,
    ...overrides,
  };
};

const plan = (scripts: string[], overrides: Record<string, unknown> = {}): Entry => ({
  type: 'marking.plan_published',
  time: T,
  sittingCode: 'W1',
  threshold: 4,
  rule: 'closest-pair',
  markerIds: [MARKER_1, MARKER_2],
  chiefId: CHIEF,
  scripts,
  publishedAt: T,
  ...overrides,
});
const marked = (scriptCode: string, role: string, markerId: string): Entry => ({
  type: 'marking.committed',
  time: T,
  sittingCode: 'W1',
  scriptCode,
  role,
  markerId,
  commitment: 'c'.repeat(64),
  enteredAt: T,
});
const appealDecided = (scriptCode: string, deciderId: string): Entry => ({
  type: 'marking.appeal_decided',
  time: T,
  sittingCode: 'W1',
  scriptCode,
  outcome: 'rejected',
  deciderId,
  previousPoints: 12,
  finalPoints: 12,
  decidedAt: T,
});

/**
 * A clean staged history: C1–C4 at the test (top 3, C2 and C3 tied third and second), then the written work's
 * plan, both blind markings of each script, a third by the chief on S-BBBBBBBB, the written list (minimum 50:
 * C3 falls short), and an appeal decided by a marker who did not mark the script (the chief, on S-AAAAAAAA).
 */
function stagedLog(): Entry[] {
  return [
    stagedRound,
    stagedVacancy,
    advancedAt(
      1,
      [
        ['C1', 90, 1],
        ['C2', 70, 2],
        ['C3', 70, 2],
      ],
      { candidates: 4, withResult: 4 },
    ),
    plan(['S-AAAAAAAA', 'S-BBBBBBBB', 'S-CCCCCCCC']),
    marked('S-AAAAAAAA', 'first', MARKER_1),
    marked('S-AAAAAAAA', 'second', MARKER_2),
    marked('S-BBBBBBBB', 'first', MARKER_2),
    marked('S-BBBBBBBB', 'second', MARKER_1),
    marked('S-CCCCCCCC', 'first', MARKER_1),
    marked('S-CCCCCCCC', 'second', MARKER_2),
    marked('S-BBBBBBBB', 'chief', CHIEF),
    advancedAt(
      2,
      [
        ['C2', 80, 1],
        ['C1', 65, 2],
      ],
      { candidates: 3, withResult: 3 },
    ),
    appealDecided('S-AAAAAAAA', CHIEF),
  ];
}

describe('the monitor of the stages and the written work’s marking', () => {
  const staged = (edit: (log: Entry[]) => void) => {
    const log = stagedLog();
    edit(log);
    return check(log);
  };

  it('finds nothing wrong in a clean staged history, read at once or in any two runs', () => {
    expect(check(stagedLog())).toEqual([]);
    const all = indexed(stagedLog());
    for (let cut = 0; cut <= all.length; cut++) {
      const first = checkEntries(emptyMonitorState(), all.slice(0, cut));
      const state = JSON.parse(JSON.stringify(first.state)) as typeof first.state;
      expect([...first.violations, ...checkEntries(state, all.slice(cut)).violations]).toEqual([]);
    }
  });

  it('compares a gate field by field, whatever the order of its keys (entries come in canonical order)', () => {
    const canonical = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(canonical)
        : value && typeof value === 'object'
          ? Object.fromEntries(
              Object.keys(value)
                .sort()
                .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
            )
          : value;
    expect(check(stagedLog().map((e) => canonical(e) as Entry))).toEqual([]);
  });

  it('reads a state written before the stages were read (no stage or marking fields)', () => {
    const all = indexed(stagedLog());
    const { stageLists: _, markingPlans: __, ...old } = checkEntries(emptyMonitorState(), all.slice(0, 2)).state;
    expect(checkEntries(old, all.slice(2)).violations).toEqual([]);
  });

  it('7: a stage list naming a candidate who was not on the previous stage’s list', () => {
    const violations = staged((log) => {
      log[11] = advancedAt(
        2,
        [
          ['C2', 80, 1],
          ['C4', 65, 2],
        ],
        { candidates: 3, withResult: 3 },
      );
    });
    expect(violations).toEqual([expect.objectContaining({ invariant: 7, entries: [2, 11] })]);
    expect(violations[0]!.message).toMatch(/C4 through, who is not on stage 1's list/);
  });

  it('7: a stage advanced twice, or before the stage before it', () => {
    expect(staged((log) => log.push(log[2]!))).toEqual([expect.objectContaining({ invariant: 7, entries: [2, 13] })]);
    const early = staged((log) => log.splice(2, 1));
    expect(invariants(early)).toEqual([7]);
    expect(early[0]!.message).toMatch(/before stage 1's list was published/);
  });

  it('7: a stage list against its gate: below the minimum, a rank its scores do not give, beyond the top', () => {
    const below = staged((log) => {
      log[11] = advancedAt(2, [['C2', 45, 1]], { candidates: 3, withResult: 3 });
    });
    expect(below.map((v) => v.message)).toEqual([expect.stringMatching(/45, below the minimum 50/)]);
    const misranked = staged((log) => {
      log[2] = advancedAt(
        1,
        [
          ['C1', 90, 1],
          ['C2', 70, 2],
          ['C3', 70, 3],
        ],
        { candidates: 4, withResult: 4 },
      );
    });
    expect(misranked.map((v) => v.message)).toEqual([expect.stringMatching(/C3 \(70\) 3; the scores give 2/)]);
    const beyond = staged((log) => {
      log[2] = advancedAt(
        1,
        [
          ['C1', 90, 1],
          ['C2', 70, 2],
          ['C3', 60, 3],
          ['C4', 50, 4],
        ],
        { candidates: 4, withResult: 4 },
      );
    });
    expect(beyond.map((v) => v.message)).toEqual([expect.stringMatching(/C4 through at rank 4, beyond the top 3/)]);
  });

  it('7: a stage list whose gate or kind is not the one the round announced', () => {
    const changed = staged((log) => {
      log[2] = { ...log[2]!, gate: { minScore: null, top: { kind: 'number', value: 4 }, ties: 'include' } };
    });
    expect(changed).toEqual([expect.objectContaining({ invariant: 7, entries: [0, 2] })]);
  });

  it('8: a script marked twice by the same marker, or in the same role twice', () => {
    const twice = staged((log) => log.splice(6, 1, marked('S-BBBBBBBB', 'first', MARKER_1)));
    expect(invariants(twice)).toEqual([8]);
    expect(twice.map((v) => v.message)).toContain(`marker ${MARKER_1} marks script S-BBBBBBBB a second time`);
    const role = staged((log) => log.splice(5, 1, marked('S-AAAAAAAA', 'first', MARKER_2)));
    expect(role.map((v) => v.message)).toEqual(['script S-AAAAAAAA gets a second first marking']);
  });

  it('8: a marking by someone outside the plan, a chief’s marking too early or by another, a script not in the plan', () => {
    const outsider = staged((log) => log.splice(5, 1, marked('S-AAAAAAAA', 'second', uuid(99))));
    expect(outsider).toEqual([expect.objectContaining({ invariant: 8, entries: [3, 5] })]);
    const early = staged((log) => log.splice(6, 0, marked('S-BBBBBBBB', 'chief', CHIEF)));
    expect(early.map((v) => v.message)).toContain(
      'script S-BBBBBBBB is marked by the chief before both blind markings',
    );
    const notChief = staged((log) => log.splice(10, 1, marked('S-BBBBBBBB', 'chief', MARKER_1)));
    expect(notChief.map((v) => v.message)).toContain(
      `script S-BBBBBBBB's third marking is by ${MARKER_1}, not the plan's chief`,
    );
    const unknown = staged((log) => log.splice(4, 0, marked('S-ZZZZZZZZ', 'first', MARKER_1)));
    expect(invariants(unknown)).toEqual([8]);
    expect(invariants(staged((log) => log.push(plan(['S-DDDDDDDD']))))).toEqual([8]);
    expect(
      invariants(
        staged((log) => log.splice(3, 1, plan(['S-AAAAAAAA', 'S-BBBBBBBB', 'S-CCCCCCCC'], { chiefId: MARKER_1 }))),
      ),
    ).toContain(8);
  });

  it('8: an appeal decided by one who marked the script, or decided twice', () => {
    const own = staged((log) => log.splice(12, 1, appealDecided('S-AAAAAAAA', MARKER_1)));
    expect(own).toEqual([expect.objectContaining({ invariant: 8, entries: [4, 12] })]);
    expect(invariants(staged((log) => log.push(appealDecided('S-AAAAAAAA', CHIEF))))).toEqual([8]);
  });
});
