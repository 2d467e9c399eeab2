/**
 * The transparency log's entries as a JSON Schema (draft 2020-12), served at `/log/schema`: every entry
 * type and its fields, so that someone else's monitor can be built from it alone. The version moves
 * with the schema and with the monitor's invariants (`log-monitor.ts`): a new entry type or field is a
 * new version; fields added to an existing type are optional, so entries logged before still validate.
 *
 * Every entry is the canonical JSON (RFC 8785) of one object: `type`, `time` (when it was appended) and
 * the type's own fields, nothing else. No entry carries a national ID or contact detail.
 */
import Ajv2020, { type ErrorObject } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

export const LOG_ENTRY_SCHEMA_VERSION = 1;

type JsonSchema = { [keyword: string]: unknown };

const string: JsonSchema = { type: 'string', minLength: 1 };
const text: JsonSchema = { type: 'string' };
const time: JsonSchema = { type: 'string', format: 'date-time' };
const uuid: JsonSchema = { type: 'string', format: 'uuid' };
const count: JsonSchema = { type: 'integer', minimum: 0 };
const number: JsonSchema = { type: 'number' };
const nullableNumber: JsonSchema = { type: ['number', 'null'] };
const strings: JsonSchema = { type: 'array', items: string };
const ref = (name: string): JsonSchema => ({ $ref: `#/$defs/${name}` });

/** An entry of `type` with exactly these fields (the optional ones may be missing), plus `type` and `time`. */
function entry(
  type: string,
  description: string,
  fields: Record<string, JsonSchema>,
  optional: readonly string[] = [],
): JsonSchema {
  return {
    description,
    type: 'object',
    properties: { type: { const: type }, time: ref('time'), ...fields },
    required: ['type', 'time', ...Object.keys(fields).filter((f) => !optional.includes(f))],
    additionalProperties: false,
  };
}

const sittingTimes: JsonSchema = {
  type: 'object',
  properties: { startsAt: time, entryClosesAt: time, endsAt: time, bookingClosesAt: time },
  required: ['startsAt', 'entryClosesAt', 'endsAt', 'bookingClosesAt'],
  additionalProperties: false,
};

const rankedScores = {
  rank: { type: 'integer', minimum: 1 },
  candidateCode: ref('candidateCode'),
  finalScore: number,
};

const ENTRIES: Record<string, JsonSchema> = {
  'log.opened': entry(
    'log.opened',
    'The first entry of a log: its origin and the key its checkpoints are signed with.',
    {
      origin: string,
      verifierKey: string,
    },
  ),
  'result.published': entry(
    'result.published',
    "One candidate's result in a revision of a sitting's results; the latest revision naming a candidate is their current result (invariant 1).",
    {
      sittingCode: string,
      candidateCode: ref('candidateCode'),
      points: number,
      maxPoints: number,
      passed: { type: 'boolean' },
      sections: {
        type: 'array',
        items: {
          type: 'object',
          properties: { index: count, points: number, maxPoints: number },
          required: ['index', 'points', 'maxPoints'],
          additionalProperties: false,
        },
      },
      scoringVersion: count,
      inputDigest: string,
      revision: ref('revision'),
    },
  ),
  'sitting.results_published': entry(
    'sitting.results_published',
    "Closes a revision of a sitting's results: the `result.published` entries of the same revision come just before it. Revision 1 lists every result; a later one (`cause`) only the results that changed.",
    {
      sittingCode: string,
      categoryCode: string,
      startsAt: time,
      revision: ref('revision'),
      statistics: {
        type: 'object',
        properties: {
          registered: count,
          absent: count,
          annulled: count,
          sat: count,
          held: count,
          writing: count,
          passed: count,
          distribution: {
            type: 'array',
            items: {
              type: 'object',
              properties: { points: number, count },
              required: ['points', 'count'],
              additionalProperties: false,
            },
          },
        },
        required: ['registered', 'absent', 'annulled', 'sat', 'passed', 'distribution'],
        additionalProperties: false,
      },
      appealClosesAt: time,
      cause: {
        description:
          'Why a revision after the first was published: a re-scoring job, or one attempt released or reinstated.',
        oneOf: [
          { type: 'object', properties: { jobId: uuid }, required: ['jobId'], additionalProperties: false },
          {
            type: 'object',
            properties: { heldAttemptReleased: uuid },
            required: ['heldAttemptReleased'],
            additionalProperties: false,
          },
          {
            type: 'object',
            properties: { attemptReinstated: uuid },
            required: ['attemptReinstated'],
            additionalProperties: false,
          },
        ],
      },
    },
    ['cause'],
  ),
  'sitting.statistics_published': entry(
    'sitting.statistics_published',
    "A sitting's test statistics, recomputed for a revision of its results.",
    {
      sittingId: uuid,
      sittingCode: string,
      revision: ref('revision'),
      attempts: count,
      cic: nullableNumber,
      cicLower: nullableNumber,
      cicUpper: nullableNumber,
      standardError: nullableNumber,
      maxMark: number,
      histogram: {
        type: 'array',
        items: {
          type: 'object',
          properties: { from: number, to: number, count },
          required: ['from', 'to', 'count'],
          additionalProperties: false,
        },
      },
    },
  ),
  'sitting.rescheduled': entry('sitting.rescheduled', 'A published sitting moved to other times.', {
    sittingCode: string,
    categoryCode: string,
    previous: sittingTimes,
    next: sittingTimes,
    reason: text,
    bookings: count,
  }),
  'sitting.cancelled': entry('sitting.cancelled', 'A published sitting cancelled; its bookings released.', {
    sittingCode: string,
    categoryCode: string,
    startsAt: time,
    reason: text,
    bookings: count,
  }),
  'certificate.issued': entry(
    'certificate.issued',
    'A certificate for a passing current result (invariant 2), valid for the years the rules give from `issuedAt`.',
    {
      certificateCode: string,
      candidateCode: ref('candidateCode'),
      sittingCode: string,
      categoryCode: string,
      covers: strings,
      issuedAt: time,
      validUntil: time,
      reinstated: { const: true },
    },
    ['reinstated'],
  ),
  'certificate.revoked': entry(
    'certificate.revoked',
    'A certificate withdrawn because its attempt was annulled or its result no longer passes.',
    {
      certificateCode: string,
      candidateCode: ref('candidateCode'),
      sittingCode: string,
      reason: { enum: ['annulled', 're-scoring'] },
      revokedAt: time,
    },
  ),
  'item.annulled': entry('item.annulled', 'An item annulled by an appeal decision, for every paper that carries it.', {
    versionId: uuid,
    questionId: uuid,
    decisionId: uuid,
  }),
  'key.changed': entry('key.changed', "An item's key corrected by an appeal decision.", {
    versionId: uuid,
    questionId: uuid,
    decisionId: uuid,
    outcome: string,
    key: { description: 'The corrected key, in the shape of the item type.' },
  }),
  'rescoring.completed': entry(
    'rescoring.completed',
    'A re-scoring job finished. `results` (from schema version 1; absent before) lists every changed result of a published sitting, which the revisions caused by the job must list exactly (invariant 3).',
    {
      jobId: uuid,
      rulingId: uuid,
      versionId: uuid,
      processed: count,
      changed: count,
      nowPassing: count,
      nowFailing: count,
      sittings: strings,
      results: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            sittingCode: string,
            candidateCode: ref('candidateCode'),
            pointsBefore: number,
            pointsAfter: number,
            passedBefore: { type: 'boolean' },
            passedAfter: { type: 'boolean' },
          },
          required: ['sittingCode', 'candidateCode', 'pointsBefore', 'pointsAfter', 'passedBefore', 'passedAfter'],
          additionalProperties: false,
        },
      },
    },
    ['results'],
  ),
  'round.announced': entry(
    'round.announced',
    'A competition round announced with its weights and rubric.',
    {
      roundCode: string,
      title: ref('localised'),
      testWeight: number,
      interviewWeight: number,
      rubric: {
        type: 'array',
        items: {
          type: 'object',
          properties: { key: string, name: ref('localised'), maxPoints: number },
          required: ['key', 'name', 'maxPoints'],
          additionalProperties: false,
        },
      },
      applicationLimit: count,
      /** A staged round's stages (issue 18), each with its gate and weight; absent for a classic round. */
      stages: { type: 'array', items: ref('stage') },
      vacancies: strings,
      announcedAt: time,
    },
    ['stages'],
  ),
  'vacancy.announced': entry(
    'vacancy.announced',
    'A vacancy made public. Its fields never change afterwards (invariant 6).',
    {
      vacancyCode: string,
      roundCode: string,
      agencyCode: string,
      agencyName: ref('localised'),
      position: ref('localised'),
      categoryCode: string,
      places: { type: 'integer', minimum: 1 },
      location: text,
      requirements: ref('localised'),
      interviewProgramme: ref('localised'),
      applicationDeadline: time,
      announcedAt: time,
    },
  ),
  'vacancy.closed': entry('vacancy.closed', 'A vacancy closed without (further) appointments.', {
    vacancyCode: string,
    roundCode: string,
    closedAt: time,
  }),
  'interview.score_committed': entry(
    'interview.score_committed',
    "A panel member's commitment to their scores for a candidate: hex SHA-256 of the canonical JSON of `{salt, scores}`, revealed with the ranking (invariant 5).",
    {
      vacancyCode: string,
      roundCode: string,
      candidateCode: ref('candidateCode'),
      memberId: uuid,
      commitment: { type: 'string', pattern: '^[0-9a-f]{64}$' },
      enteredAt: time,
    },
  ),
  'marking.plan_published': entry(
    'marking.plan_published',
    "A sitting's written-work marking plan (issue 18), published before any script is marked: the blind markers, the chief who marks third, the threshold on the two totals' difference and the rule that then gives the final mark, and the anonymous codes of the scripts.",
    {
      sittingCode: string,
      threshold: count,
      rule: { enum: ['closest-pair', 'chief', 'mean-of-three'] },
      markerIds: { type: 'array', items: uuid, minItems: 2 },
      chiefId: uuid,
      scripts: { type: 'array', items: { type: 'string', pattern: '^S-[0-9A-Z]{8}$' } },
      publishedAt: time,
    },
  ),
  'marking.committed': entry(
    'marking.committed',
    "A marker's commitment to their marks for one anonymous script (issue 18): hex SHA-256 of the canonical JSON of `{salt, scores}` per rubric criterion, final when entered, as interview scores are.",
    {
      sittingCode: string,
      scriptCode: { type: 'string', pattern: '^S-[0-9A-Z]{8}$' },
      role: { enum: ['first', 'second', 'chief'] },
      markerId: uuid,
      commitment: { type: 'string', pattern: '^[0-9a-f]{64}$' },
      enteredAt: time,
    },
  ),
  'marking.scripts_added': entry(
    'marking.scripts_added',
    "Late scripts (issue 18): essays submitted after the sitting's marking plan was published, each under a new anonymous code and handed to two markers by the plan's rotation continued.",
    {
      sittingCode: string,
      scripts: { type: 'array', items: { type: 'string', pattern: '^S-[0-9A-Z]{8}$' }, minItems: 1 },
      addedAt: time,
    },
  ),
  'marking.appeal_decided': entry(
    'marking.appeal_decided',
    "The decision on a candidate's appeal against the marking of one anonymous script (issue 18), by a marker who did not mark it, final when written: upheld, with the commitment to the new marks per criterion (as `marking.committed`) whose total is the script's final mark; rejected, the final mark stands.",
    {
      sittingCode: string,
      scriptCode: { type: 'string', pattern: '^S-[0-9A-Z]{8}$' },
      outcome: { enum: ['upheld', 'rejected'] },
      deciderId: uuid,
      commitment: { type: 'string', pattern: '^[0-9a-f]{64}$' },
      previousPoints: { type: 'number', minimum: 0 },
      finalPoints: { type: 'number', minimum: 0 },
      decidedAt: time,
    },
    ['commitment'],
  ),
  'stage.advanced': entry(
    'stage.advanced',
    "A vacancy's step past one stage of its round (issue 18): the gate as announced, how many candidates stood at the stage and how many had a result (the base of a top share), and who went through with their stage scores.",
    {
      roundCode: string,
      vacancyCode: string,
      stage: { type: 'integer', minimum: 1 },
      stages: { type: 'integer', minimum: 1 },
      kind: ref('stageKind'),
      weight: count,
      gate: {
        type: 'object',
        properties: { minScore: nullableNumber, top: ref('stageTop'), ties: { enum: ['include', 'exclude'] } },
        required: ['minScore', 'top', 'ties'],
        additionalProperties: false,
      },
      candidates: count,
      withResult: count,
      advanced: {
        type: 'array',
        items: {
          type: 'object',
          properties: { candidateCode: ref('candidateCode'), score: number, rank: { type: 'integer', minimum: 1 } },
          required: ['candidateCode', 'score', 'rank'],
          additionalProperties: false,
        },
      },
      advancedAt: time,
    },
  ),
  'vacancy.ranking_published': entry(
    'vacancy.ranking_published',
    "A vacancy's ranking, its reserve list and every committed interview score revealed.",
    {
      vacancyCode: string,
      roundCode: string,
      weights: {
        type: 'object',
        properties: { test: number, interview: number },
        required: ['test', 'interview'],
        additionalProperties: false,
      },
      interviewMaxPoints: number,
      places: { type: 'integer', minimum: 1 },
      ranking: {
        type: 'array',
        items: {
          type: 'object',
          properties: { ...rankedScores, testScore: number, interviewScore: number },
          required: ['rank', 'candidateCode', 'testScore', 'interviewScore', 'finalScore'],
          additionalProperties: false,
        },
      },
      reserve: {
        type: 'array',
        items: {
          type: 'object',
          properties: rankedScores,
          required: ['rank', 'candidateCode', 'finalScore'],
          additionalProperties: false,
        },
      },
      absent: { type: 'array', items: ref('candidateCode') },
      reveals: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            candidateCode: ref('candidateCode'),
            memberId: uuid,
            scores: { type: 'object', additionalProperties: number },
            salt: { type: 'string', pattern: '^[0-9a-f]{32}$' },
            commitment: { type: 'string', pattern: '^[0-9a-f]{64}$' },
            commitmentLogIndex: { type: ['integer', 'null'], minimum: 0 },
          },
          required: ['candidateCode', 'memberId', 'scores', 'salt', 'commitment', 'commitmentLogIndex'],
          additionalProperties: false,
        },
      },
      publishedAt: time,
    },
  ),
  'appointment.made': entry(
    'appointment.made',
    'An appointment, in the order of the published ranking and within the vacancy’s places (invariant 4).',
    {
      vacancyCode: string,
      roundCode: string,
      fullName: string,
      candidateCode: ref('candidateCode'),
      position: ref('localised'),
      agencyCode: string,
      agencyName: ref('localised'),
      categoryCode: string,
      rank: { type: 'integer', minimum: 1 },
      testScore: number,
      interviewScore: number,
      finalScore: number,
      appointedAt: time,
      appointedBy: {
        type: 'object',
        properties: { fullName: string, role: string },
        required: ['fullName', 'role'],
        additionalProperties: false,
      },
    },
  ),
};

/** The entry types the schema knows, in the order the README lists them. */
export const LOG_ENTRY_TYPES = Object.keys(ENTRIES);

export const logEntrySchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: `https://imtahan.az/log/schema/v${LOG_ENTRY_SCHEMA_VERSION}`,
  title: `imtahan transparency log entry, version ${LOG_ENTRY_SCHEMA_VERSION}`,
  description:
    'One entry of the log: canonical JSON (RFC 8785) of an object with `type`, `time` and the fields of its type. The `type` selects one of `$defs`.',
  type: 'object',
  required: ['type', 'time'],
  properties: { type: { enum: LOG_ENTRY_TYPES }, time: ref('time') },
  // Each type is tried only for its own entries, so a bad entry gets the errors of its own type.
  allOf: LOG_ENTRY_TYPES.map((type) => ({
    if: { properties: { type: { const: type } }, required: ['type'] },
    then: ref(type),
  })),
  $defs: {
    time: { ...time, description: 'An instant in UTC, ISO 8601 with milliseconds (`toISOString`).' },
    revision: { type: 'integer', minimum: 1 },
    candidateCode: {
      type: 'string',
      minLength: 1,
      description: "A candidate's code for a sitting; never a national ID.",
    },
    stageKind: { enum: ['test', 'written', 'interview', 'commission'] },
    stageTop: {
      oneOf: [
        { type: 'null' },
        {
          type: 'object',
          properties: { kind: { enum: ['share', 'number'] }, value: { type: 'integer', minimum: 1 } },
          required: ['kind', 'value'],
          additionalProperties: false,
        },
      ],
    },
    stage: {
      type: 'object',
      properties: {
        position: { type: 'integer', minimum: 1 },
        kind: ref('stageKind'),
        blueprintId: { oneOf: [{ type: 'null' }, uuid] },
        weight: count,
        minScore: nullableNumber,
        top: ref('stageTop'),
        ties: { enum: ['include', 'exclude'] },
      },
      required: ['position', 'kind', 'blueprintId', 'weight', 'minScore', 'top', 'ties'],
      additionalProperties: false,
    },
    localised: {
      type: 'object',
      description: 'A text per interface language.',
      propertyNames: { enum: ['az', 'ru', 'en'] },
      additionalProperties: text,
    },
    ...ENTRIES,
  },
} as const;

function describe(error: ErrorObject): string {
  const where = error.instancePath || '(the entry)';
  if (error.keyword === 'additionalProperties')
    return `${where}: unexpected field ${JSON.stringify(error.params['additionalProperty'])}`;
  if (error.keyword === 'enum' && error.instancePath === '/type') return `/type: not a known entry type`;
  return `${where}: ${error.message ?? error.keyword}`;
}

/**
 * A checker of entries against {@link logEntrySchema} (Ajv, draft 2020-12, formats checked): each call
 * returns what is wrong with one parsed entry, an empty list when it is valid.
 */
export function createLogEntryValidator(): (entry: unknown) => string[] {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats(ajv);
  const validate = ajv.compile(logEntrySchema);
  return (entry) => {
    if (validate(entry)) return [];
    const problems = (validate.errors ?? []).filter((e) => e.keyword !== 'if').map(describe);
    return [...new Set(problems)];
  };
}
