import { execFile } from 'node:child_process';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { asc, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logEntries } from '../../db/schema/index';
import { createLogEntryValidator, logEntrySchema } from '../../server/core/log-entry-schema';
import type { InvariantNumber } from '../../server/core/log-monitor';
import { scoreCommitment } from '../../server/core/score-commitment';
import type { LogEvent } from '../../server/modules/log/log.service';
import { runMonitor, type MonitorFileState } from '../../scripts/log-monitor';
import type { Fetch } from '../../scripts/log-verifier';
import { cosignerSignerKey, cosignerVerifierKey, parseCosignerSignerKey } from '../../server/core/cosignature';
import { parseVerifierKey } from '../../server/core/signed-note';
import { parseWitnessList } from '../../server/modules/log/witness-client';
import { createWitnessApp } from '../../server/modules/witness/witness.app';
import { createFileWitnessStore } from '../../server/modules/witness/witness.store';
import { seededDemoApp, type DemoApp } from '../factories/demo';
import { createTestApp, request, type TestApp } from '../helpers/app';
import { fileAppeal, satSitting, upheld } from '../factories/appeals';
import { EXAM_ENV, examBank, staffMember } from '../factories/sittings';

const run = promisify(execFile);

/** The monitor reads over HTTP; here the requests go to the app in this process. */
const viaInject =
  (t: Pick<TestApp, 'app'>): Fetch =>
  async (url) => {
    const { pathname, search } = new URL(url);
    const response = await t.app.inject({ method: 'GET', url: pathname + search });
    const bytes = response.rawPayload;
    return {
      ok: response.statusCode === 200,
      status: response.statusCode,
      text: async () => response.body,
      arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    };
  };

type Entry = { type: string; time: string; [field: string]: unknown };

/** The app on the demo's database, without a test clock (see beforeAll). */
let t: DemoApp;
let baseUrl: string;
let state: MonitorFileState;

async function entries(): Promise<{ index: number; entry: Entry }[]> {
  const rows = await t.database.db.select().from(logEntries).orderBy(asc(logEntries.idx));
  return rows.map((r) => ({ index: r.idx, entry: JSON.parse(Buffer.from(r.entry).toString('utf8')) as Entry }));
}

/** What an entry carries besides its type and time: to log it again, changed. */
function fieldsOf({ time: _time, ...rest }: Entry): LogEvent {
  return rest as LogEvent;
}

/**
 * Plants entries in the log through the log service (a test-only path: no route appends arbitrary
 * events), runs the monitor from the last state, and returns the violations of this run.
 */
async function plant(events: LogEvent[]) {
  const receipts = await t.services.log.publish(events);
  // Whatever follows the planted entries: some invariants are checked at the next entry of another kind.
  await t.services.log.publish([{ type: 'log.opened', origin: 'planted.example/log', verifierKey: 'none' }]);
  const result = await runMonitor({ baseUrl: 'http://test', previous: state, fetch: viaInject(t) });
  expect(result.verified, result.problems.join('\n')).toBe(true);
  expect(result.read).toBeGreaterThanOrEqual(events.length + 1);
  state = result.state!;
  return { indexes: receipts.map((r) => r.logIndex), violations: result.violations };
}

/** Each candidate's current result per sitting, in the order first published. */
function currentResults(all: { entry: Entry }[]): Entry[] {
  const current = new Map<string, Entry>();
  for (const { entry } of all)
    if (entry.type === 'result.published')
      current.set(`${String(entry['sittingCode'])}/${String(entry['candidateCode'])}`, entry);
  return [...current.values()];
}

const lastSummaryOf = (all: { entry: Entry }[], sittingCode: unknown) =>
  all.filter((e) => e.entry.type === 'sitting.results_published' && e.entry['sittingCode'] === sittingCode).at(-1)!
    .entry;

const invariantsOf = (violations: { invariant: InvariantNumber }[]) => [...new Set(violations.map((v) => v.invariant))];

beforeAll(async () => {
  // The demo's history: sittings sat, results published, an appeal's re-scoring, a competition's appointments.
  t = await seededDemoApp();
  baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
}, 600_000);
afterAll(() => t.close());

describe('the entry schema', () => {
  it('is served at /log/schema as JSON Schema 2020-12 that Ajv compiles', async () => {
    const response = await request(t.app, { method: 'GET', url: '/log/schema' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/schema\+json/);
    expect(response.headers['access-control-allow-origin']).toBe('*');
    const served = response.json() as Record<string, unknown>;
    expect(served).toEqual(JSON.parse(JSON.stringify(logEntrySchema)));
    const ajv = new Ajv2020({ strict: true });
    addFormats(ajv);
    expect(() => ajv.compile(served)).not.toThrow();
  });

  it('holds every entry of the demo, which logs every kind of publication through the services', async () => {
    const validate = createLogEntryValidator();
    const all = await entries();
    expect(all.length).toBeGreaterThan(100);
    for (const { index, entry } of all) expect(validate(entry), `entry ${index} (${entry.type})`).toEqual([]);
    const types = new Set(all.map((e) => e.entry.type));
    for (const type of ['result.published', 'certificate.issued', 'vacancy.ranking_published', 'appointment.made'])
      expect(types).toContain(type);
  });
});

describe('npm run monitor', () => {
  let stateFile: string;

  it('passes the clean demo log, read through its tiles, and keeps its state', async () => {
    stateFile = join(mkdtempSync(join(tmpdir(), 'imtahan-monitor-')), 'state.json');
    const { stdout } = await run('npx', ['tsx', 'scripts/monitor.ts', '--url', baseUrl, '--state', stateFile], {
      timeout: 180_000,
    });
    const size = (await entries()).length;
    expect(stdout).toMatch(new RegExp(`^OK: ${size} entries verified; 0 violation`, 'm'));
    state = JSON.parse(readFileSync(stateFile, 'utf8')) as MonitorFileState;
    expect(state.size).toBe(size);
    // The right edge of the tree, not the tree: the last partial tile of each of its two tile levels
    // (at most 255 hashes each) and the root's complete subtrees.
    expect(size).toBeLessThan(256 ** 2);
    expect(Object.keys(state.edge).length).toBeLessThan(2 * 256 + 32);
  }, 200_000);

  it('reads only the new entries on the next run', async () => {
    const before = state.size;
    const result = await runMonitor({ baseUrl: 'http://test', previous: state, fetch: viaInject(t) });
    expect(result).toMatchObject({ verified: true, read: 0, size: before, violations: [] });
  });

  it('1: catches a second result for a candidate in a revision already published', async () => {
    const all = await entries();
    const last = currentResults(all)
      .filter((e) => e['passed'] === false)
      .at(-1)!;
    const { indexes, violations } = await plant([
      { ...fieldsOf(last), points: (last['points'] as number) + 0.25 },
      fieldsOf(lastSummaryOf(all, last['sittingCode'])),
    ]);
    expect(invariantsOf(violations)).toEqual([1]);
    expect(violations[0]!.entries).toContain(indexes[0]);
    expect(violations[0]!.message).toMatch(/a second result for a revision already published/);
  });

  it('2: catches a certificate for a result that did not pass', async () => {
    const all = await entries();
    const failed = currentResults(all).filter((e) => e['passed'] === false)[0]!;
    const issued = all.find((e) => e.entry.type === 'certificate.issued')!.entry;
    const { indexes, violations } = await plant([
      {
        ...fieldsOf(issued),
        certificateCode: 'PLANTED-1',
        candidateCode: failed['candidateCode'] as string,
        sittingCode: failed['sittingCode'] as string,
        categoryCode: lastSummaryOf(all, failed['sittingCode'])['categoryCode'] as string,
      },
    ]);
    expect(invariantsOf(violations)).toEqual([2]);
    expect(violations[0]!.message).toMatch(/whose current result did not pass/);
    expect(violations[0]!.entries.at(-1)).toBe(indexes[0]);
  });

  it('3: catches a re-scoring whose revision lists a result it did not change', async () => {
    const all = await entries();
    const unchanged = currentResults(all).filter((e) => e['passed'] === false)[1]!;
    const summary = lastSummaryOf(all, unchanged['sittingCode']);
    const revision = (summary['revision'] as number) + 1;
    const jobId = randomUUID();
    const { indexes, violations } = await plant([
      { ...fieldsOf(unchanged), revision },
      { ...fieldsOf(summary), revision, cause: { jobId } },
      {
        type: 'rescoring.completed',
        jobId,
        rulingId: randomUUID(),
        versionId: randomUUID(),
        processed: 1,
        changed: 0,
        nowPassing: 0,
        nowFailing: 0,
        sittings: [unchanged['sittingCode'] as string],
        results: [],
      },
    ]);
    expect(invariantsOf(violations)).toEqual([3]);
    expect(violations[0]!.message).toMatch(/re-publishes candidate .* unchanged/);
    expect(violations[0]!.entries.at(-1)).toBe(indexes[0]);
  });

  it('4: catches an appointment beyond the ranking and the places', async () => {
    const appointed = (await entries()).find((e) => e.entry.type === 'appointment.made')!.entry;
    const { indexes, violations } = await plant([fieldsOf(appointed)]);
    expect(invariantsOf(violations)).toEqual([4]);
    expect(violations.find((v) => /appointed to vacancy .* twice/.test(v.message))?.entries.at(-1)).toBe(indexes[0]);
  });

  it('5: catches revealed interview scores that do not match their commitment', async () => {
    const salt = '0f'.repeat(16);
    const code = `PLANTED-${randomUUID().slice(0, 8)}`;
    const member = randomUUID();
    const name = { az: 'Sınaq', en: 'Test' };
    const [round, vacancy, commitment] = await t.services.log.publish([
      {
        type: 'round.announced',
        roundCode: code,
        title: name,
        testWeight: 1,
        interviewWeight: 1,
        rubric: [{ key: 'knowledge', name, maxPoints: 10 }],
        applicationLimit: 3,
        vacancies: [code],
        announcedAt: new Date().toISOString(),
      },
      {
        type: 'vacancy.announced',
        vacancyCode: code,
        roundCode: code,
        agencyCode: 'PLANTED',
        agencyName: name,
        position: name,
        categoryCode: 'BA',
        places: 1,
        location: 'Bakı',
        requirements: name,
        interviewProgramme: name,
        applicationDeadline: new Date().toISOString(),
        announcedAt: new Date().toISOString(),
      },
      {
        type: 'interview.score_committed',
        vacancyCode: code,
        roundCode: code,
        candidateCode: 'PLANTEDC',
        memberId: member,
        commitment: scoreCommitment({ knowledge: 4 }, salt),
        enteredAt: new Date().toISOString(),
      },
    ]);
    expect(round && vacancy).toBeTruthy();
    const { indexes, violations } = await plant([
      {
        type: 'vacancy.ranking_published',
        vacancyCode: code,
        roundCode: code,
        weights: { test: 1, interview: 1 },
        interviewMaxPoints: 10,
        places: 1,
        ranking: [{ rank: 1, candidateCode: 'PLANTEDC', testScore: 50, interviewScore: 90, finalScore: 70 }],
        reserve: [],
        absent: [],
        reveals: [
          {
            candidateCode: 'PLANTEDC',
            memberId: member,
            scores: { knowledge: 9 },
            salt,
            commitment: scoreCommitment({ knowledge: 4 }, salt),
            commitmentLogIndex: commitment!.logIndex,
          },
        ],
        publishedAt: new Date().toISOString(),
      },
    ]);
    expect(violations).toEqual([
      expect.objectContaining({ invariant: 5, entries: [commitment!.logIndex, indexes[0]] }),
    ]);
  });

  it('6: catches a vacancy announced again with other places', async () => {
    const announced = (await entries()).find((e) => e.entry.type === 'vacancy.announced')!.entry;
    const { indexes, violations } = await plant([
      { ...fieldsOf(announced), places: (announced['places'] as number) + 1 },
    ]);
    expect(invariantsOf(violations)).toEqual([6]);
    expect(violations[0]!.entries.at(-1)).toBe(indexes[0]);
  });

  it('7: catches a stage list published a second time (the demo’s reserve programme)', async () => {
    const advanced = (await entries()).find((e) => e.entry.type === 'stage.advanced')!;
    const { indexes, violations } = await plant([fieldsOf(advanced.entry)]);
    expect(violations).toEqual([expect.objectContaining({ invariant: 7, entries: [advanced.index, indexes[0]] })]);
    expect(violations[0]!.message).toMatch(/advanced a second time/);
  });

  it('8: catches a script marked twice by the same marker (the demo’s written work)', async () => {
    const marking = (await entries()).find((e) => e.entry.type === 'marking.committed')!;
    const { indexes, violations } = await plant([{ ...fieldsOf(marking.entry), role: 'chief' }]);
    expect(invariantsOf(violations)).toEqual([8]);
    expect(violations.map((v) => v.message)).toContain(
      `marker ${String(marking.entry['markerId'])} marks script ${String(marking.entry['scriptCode'])} a second time`,
    );
    expect(violations[0]!.entries.at(-1)).toBe(indexes[0]);
  });

  it('0: catches an entry the schema does not know', async () => {
    const { indexes, violations } = await plant([{ type: 'result.deleted', sittingCode: 'X', candidateCode: 'Y' }]);
    expect(violations).toEqual([expect.objectContaining({ invariant: 0, entries: [indexes[0]] })]);
    expect(violations[0]!.message).toMatch(/not a known entry type/);
  });

  it('exits 1 and names the violation and its entries; a rewritten history fails verification', async () => {
    // The CLI's state from before the planted entries: it reads them all now.
    const failed = await run('npx', ['tsx', 'scripts/monitor.ts', '--url', baseUrl, '--state', stateFile], {
      timeout: 180_000,
    }).then(
      () => null,
      (error: { code: number; stdout: string }) => error,
    );
    expect(failed?.code).toBe(1);
    for (const n of [0, 1, 2, 3, 4, 5, 6, 7, 8])
      expect(failed?.stdout).toMatch(new RegExp(`VIOLATION of invariant ${n} `));
    expect(failed?.stdout).toMatch(/entries: \d+/);

    // What a superuser could do: rewrite the history the monitor has read, and sign checkpoints over it.
    await t.database.ownerDb.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(sql`delete from log_entries`);
      await tx.execute(sql`delete from log_hashes`);
      await tx.execute(sql`delete from log_checkpoints`);
    });
    await t.services.log.publish(Array.from({ length: state.size + 3 }, (_, i) => ({ type: 'test.rewritten', i })));
    const rewritten = await runMonitor({ baseUrl: 'http://test', previous: state, fetch: viaInject(t) });
    expect(rewritten.verified).toBe(false);
    expect(rewritten.state).toBeNull();
    expect(rewritten.problems.join('\n')).toMatch(/history was rewritten/);
  }, 400_000);
});

describe('a re-scoring after an upheld appeal, as the services log it', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp(EXAM_ENV);
  });
  afterAll(() => app.close());

  it('keeps every invariant, and lists exactly the results it changed', async () => {
    const admin = await staffMember(app, 'administrator');
    const bank = await examBank(app);
    const q0 = bank.questions[0]!.versionId;
    // Everyone answers question 0 wrong, and even candidates one more: annulling it moves every result.
    const { candidates } = await satSitting(app, admin, bank, {
      candidates: 4,
      pick: (q, index, candidate) => (q.versionId === q0 || (candidate % 2 === 0 && index === 2) ? q.wrong : q.correct),
    });
    await fileAppeal(app, candidates[0]!, candidates[0]!.attemptId, q0);
    await upheld(app, await staffMember(app, 'examiner'), await staffMember(app, 'examiner'), q0, {
      outcome: 'annul',
      reason: 'Two options are right as the item is written: annulled.',
    });
    expect(await app.services.rescoring.runPending()).toBe(1);

    const result = await runMonitor({ baseUrl: 'http://test', fetch: viaInject(app) });
    expect(result.problems).toEqual([]);
    expect(result.violations).toEqual([]);
    const rows = await app.database.db.select().from(logEntries).orderBy(asc(logEntries.idx));
    const logged = rows.map((r) => JSON.parse(Buffer.from(r.entry).toString('utf8')) as Entry);
    const completed = logged.find((e) => e.type === 'rescoring.completed')!;
    const republished = logged.filter((e) => e.type === 'result.published' && e['revision'] === 2);
    expect((completed['results'] as { candidateCode: string }[]).map((r) => r.candidateCode).sort()).toEqual(
      republished.map((r) => r['candidateCode']).sort(),
    );
    expect(republished.length).toBeGreaterThan(0);
  }, 300_000);

  it('posts the checkpoint it verified to a witness, from the size the witness last cosigned', async () => {
    const name = 'monitor.test/w1';
    const witnessKey = generateKeyPairSync('ed25519').privateKey;
    const store = createFileWitnessStore(join(mkdtempSync(join(tmpdir(), 'imtahan-monitor-witness-')), 'w.json'));
    const witness = createWitnessApp({
      signer: parseCosignerSignerKey(cosignerSignerKey(name, witnessKey)),
      logs: [parseVerifierKey(app.services.log.verifierKey)],
      store,
    });
    const url = await witness.listen({ port: 0, host: '127.0.0.1' });
    try {
      const witnesses = parseWitnessList(`${url}=${cosignerVerifierKey(name, witnessKey)}`);
      const first = await runMonitor({ baseUrl: 'http://test', fetch: viaInject(app), witnesses });
      expect(first.gossip).toEqual([{ witness: url, outcome: `cosigned size ${first.size}`, splitView: false }]);
      await app.services.log.publish([{ type: 'log.opened', origin: 'later.example/log', verifierKey: 'none' }]);
      const second = await runMonitor({
        baseUrl: 'http://test',
        fetch: viaInject(app),
        witnesses,
        previous: first.state!,
      });
      expect(second).toMatchObject({ verified: true, read: 1, violations: [] });
      expect(second.gossip).toEqual([{ witness: url, outcome: `cosigned size ${first.size + 1}`, splitView: false }]);
      expect(second.state!.witnesses).toEqual({ [url]: first.size + 1 });
    } finally {
      await witness.close();
      await store.close();
    }
  });
});
