import { randomUUID } from 'node:crypto';
import type { Static } from '@sinclair/typebox';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../db/rows';
import type { PlantedFault } from '../../server/core/item-statistics/index';
import { seedQuestionBank } from '../../server/modules/demo/demo.bank';
import { plantFaults, seedDemoPopulation } from '../../server/modules/demo/demo.population';
import { createDemoPopulationRepository } from '../../server/modules/demo/demo.population.repository';
import { ITEM_CSV_COLUMNS } from '../../server/modules/statistics/item-table-csv';
import type { BlueprintStatisticsView } from '../../server/modules/statistics/statistics.schemas';
import { finishedSitting, publicResults, publishResults, verifiedEntry, type Plan } from '../factories/results';
import { EXAM_ENV, staffMember, type ExamBank, type Person } from '../factories/sittings';
import { statisticsOf, type ReliabilityView } from '../factories/statistics';
import { createTestApp, request, type TestApp } from '../helpers/app';
import { examSuite } from '../helpers/exam-suite';

let t: TestApp;
let admin: Person;
let examiner: Person;
let bank: ExamBank;

examSuite((suite) => ({ t, admin, bank } = suite));
beforeAll(async () => {
  examiner = await staffMember(t, 'examiner');
});

// A full room of 10: 8 sit (the first k items of their paper right), one absent, one annulled.
const PLANS: Plan[] = [
  { correct: 4 },
  { correct: 4 },
  { correct: 3 },
  { correct: 3 },
  { correct: 2 },
  { correct: 2 },
  { correct: 1 },
  { correct: 0 },
  'absent',
  'annulled',
];
const SAT = 8;

describe('item statistics of a sitting', () => {
  let sittingId: string;

  beforeAll(async () => {
    const finished = await finishedSitting(t, admin, bank, PLANS);
    sittingId = finished.sitting.id;
  });

  it('are not found before the results are published, and pending until the background job runs', async () => {
    const before = await request(t.app, {
      method: 'GET',
      url: `/api/statistics/sittings/${sittingId}`,
      cookie: examiner.cookie,
    });
    expect(before.statusCode).toBe(404);
    expect(before.json().error.code).toBe('NOT_FOUND');

    await publishResults(t, admin, sittingId);
    const pending = await statisticsOf(t, examiner, sittingId);
    expect(pending).toMatchObject({ status: 'pending', revision: 1, computedAt: null, analysis: null });
    const reliability = await request(t.app, { method: 'GET', url: `/api/results/${sittingId}/reliability` });
    expect(reliability.statusCode).toBe(404);
    const csv = await request(t.app, {
      method: 'GET',
      url: `/api/statistics/sittings/${sittingId}/items.csv`,
      cookie: examiner.cookie,
    });
    expect(csv.statusCode).toBe(404);
  });

  it('are computed once per publication revision by the background job and stored with when', async () => {
    const now = t.clock.read();
    expect(await t.services.statistics.refreshStale()).toBe(1);
    expect(await t.services.statistics.refreshStale()).toBe(0);
    const view = await statisticsOf(t, examiner, sittingId);
    expect(view).toMatchObject({ status: 'ready', revision: 1, computedRevision: 1 });
    expect(new Date(view.computedAt!).getTime()).toBe(now.getTime());
  });

  it('describe the test as the published scores do, with only the candidates who sat', async () => {
    const view = await statisticsOf(t, admin, sittingId);
    const { statistics } = await publicResults(t, sittingId);
    const scores = statistics.distribution.flatMap(({ points, count }) => Array<number>(count).fill(points));
    expect(scores).toHaveLength(SAT);
    const mean = scores.reduce((s, v) => s + v, 0) / scores.length;
    const sd = Math.sqrt(scores.reduce((s, v) => s + (v - mean) ** 2, 0) / (scores.length - 1));
    const test = view.analysis!.test;
    expect(test).toMatchObject({ attempts: SAT, maxMark: 4, median: 2.5 });
    expect(test.mean).toBeCloseTo(mean, 12);
    expect(test.sd).toBeCloseTo(sd, 12);
    expect(test.cic).not.toBeNull();
    expect(test.cicLower!).toBeLessThanOrEqual(test.cic!);
    expect(test.cicUpper!).toBeGreaterThanOrEqual(test.cic!);
    expect(view.analysis!.histogram.reduce((s, b) => s + b.count, 0)).toBe(SAT);
    expect(view.analysis!.sections.map((s) => s.slots)).toEqual([2, 2]);
  });

  it('count every option each candidate chose, by its authored id, and name the question', async () => {
    const view = await statisticsOf(t, examiner, sittingId);
    const analysis = view.analysis!;
    expect(analysis.items.length).toBeGreaterThan(0);
    for (const item of analysis.items) {
      const question = bank.byVersion.get(item.item)!;
      expect(analysis.labels[item.item]!.questionId).toBe(question.questionId);
      expect(analysis.labels[item.item]!.label).toBe(question.draft.content.text.az);
      if (question.key.type === 'single') {
        expect(item.options.map((o) => o.option)).toEqual(['a', 'b', 'c', 'd']);
        expect(item.options.filter((o) => o.correct).map((o) => o.option)).toEqual(question.key.correct);
        expect(item.options.reduce((s, o) => s + o.count, 0) + item.omitted).toBe(item.attempts);
        expect(item.randomGuessScore).toBe(0.25);
        // The factory answers right with the key's option: the keyed option's count is the right answers.
        const keyed = item.options.find((o) => o.correct)!;
        expect(keyed.count).toBeCloseTo(item.facility! * item.attempts, 9);
      }
    }
    const total = analysis.items.reduce((s, i) => s + i.attempts, 0);
    expect(total).toBe(SAT * 4);
    // Papers draw 2 of 3 items per section: every position has variants to compare.
    expect(analysis.positions.length).toBeGreaterThan(0);
  });

  it('give the public the reliability, SEM and histogram, logged with a proof', async () => {
    const response = await request(t.app, { method: 'GET', url: `/api/results/${sittingId}/reliability` });
    expect(response.statusCode).toBe(200);
    const body = response.json<ReliabilityView>();
    const view = await statisticsOf(t, examiner, sittingId);
    expect(body.attempts).toBe(SAT);
    expect(body.cic).toBeCloseTo(view.analysis!.test.cic!, 2);
    expect(body.histogram).toHaveLength(10);
    expect(JSON.stringify(body)).not.toContain(bank.questions[0]!.draft.content.text.az!);
    const entry = await verifiedEntry(t, { logIndex: body.logIndex!, leafHash: body.leafHash! });
    expect(entry).toMatchObject({
      type: 'sitting.statistics_published',
      sittingId,
      revision: 1,
      attempts: SAT,
      cic: body.cic,
      histogram: body.histogram,
    });
  });

  it('export the item table as CSV', async () => {
    const response = await request(t.app, {
      method: 'GET',
      url: `/api/statistics/sittings/${sittingId}/items.csv`,
      cookie: examiner.cookie,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.headers['content-disposition']).toMatch(/attachment; filename="imtahan-item-statistics-.*\.csv"/);
    const lines = response.body.trim().split('\n');
    expect(lines[0]).toBe(ITEM_CSV_COLUMNS.join(','));
    const view = await statisticsOf(t, examiner, sittingId);
    expect(lines).toHaveLength(view.analysis!.items.length + 1);
  });

  it('follow a question into every sitting it appeared in', async () => {
    const view = await statisticsOf(t, examiner, sittingId);
    const [item] = view.analysis!.items;
    const questionId = view.analysis!.labels[item!.item]!.questionId!;
    const response = await request(t.app, {
      method: 'GET',
      url: `/api/statistics/questions/${questionId}`,
      cookie: examiner.cookie,
    });
    expect(response.statusCode).toBe(200);
    const body = response.json<{
      questionId: string;
      sittings: { sittingId: string; item: { item: string; facility: number } }[];
    }>();
    const here = body.sittings.find((s) => s.sittingId === sittingId);
    expect(here?.item).toMatchObject({ item: item!.item, facility: item!.facility });
    // Only this question's versions.
    expect(body.sittings.every((s) => bank.byVersion.get(s.item.item)?.questionId === questionId)).toBe(true);
    const unknown = await request(t.app, {
      method: 'GET',
      url: `/api/statistics/questions/${randomUUID()}`,
      cookie: examiner.cookie,
    });
    expect(unknown.statusCode).toBe(404);
  });

  it('are listed for examiners with their state', async () => {
    const response = await request(t.app, { method: 'GET', url: '/api/statistics/sittings', cookie: examiner.cookie });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toContainEqual(expect.objectContaining({ sittingId, status: 'ready', attempts: SAT }));
  });

  it('become stale when the results are republished, and are recomputed for the new revision', async () => {
    // A republication as re-scoring makes it (its own path is tested in rescoring.test.ts): a new revision row.
    const [latest] = rowsOf<{ log_index: number; leaf_hash: string }>(
      await t.database.db.execute(
        sql`select log_index, leaf_hash from result_publications where sitting_id = ${sittingId} and revision = 1`,
      ),
    );
    await t.database.db.execute(sql`
      insert into result_publications (sitting_id, revision, statistics, log_index, leaf_hash, published_at)
      values (${sittingId}, 2, '{}'::jsonb, ${latest!.log_index}, ${latest!.leaf_hash}, now())`);
    expect((await statisticsOf(t, examiner, sittingId)).status).toBe('stale');
    expect(await t.services.statistics.refreshStale()).toBe(1);
    const view = await statisticsOf(t, examiner, sittingId);
    expect(view).toMatchObject({ status: 'ready', revision: 2, computedRevision: 2 });
  });
});

describe('item statistics computed by two jobs at once', () => {
  it('are logged and stored once', async () => {
    const finished = await finishedSitting(t, admin, bank, [{ correct: 4 }, { correct: 1 }, { correct: 2 }]);
    await publishResults(t, admin, finished.sitting.id);
    const done = await Promise.all([t.services.statistics.refreshStale(), t.services.statistics.refreshStale()]);
    expect(done[0] + done[1]).toBe(1);
    const [row] = rowsOf<{ n: number }>(
      await t.database.db.execute(
        sql`select count(*)::int as n from log_entries
            where kind = 'sitting.statistics_published' and convert_from(entry, 'UTF8') like ${`%${finished.sitting.id}%`}`,
      ),
    );
    expect(Number(row!.n)).toBe(1);
  });
});

describe('a sitting whose statistics cannot be computed', () => {
  it('is reported and set aside, and the others are computed', async () => {
    const faulty = await finishedSitting(t, admin, bank, [{ correct: 3 }, { correct: 1 }]);
    const fine = await finishedSitting(t, admin, bank, [{ correct: 2 }, { correct: 4 }]);
    await publishResults(t, admin, faulty.sitting.id);
    await publishResults(t, admin, fine.sitting.id);
    // A stored result of a shape nobody writes any more.
    await t.database.db.execute(
      sql`update attempts set result = jsonb_set(result, '{items}', '{}'::jsonb) where id = ${faulty.candidates[0]!.attemptId}`,
    );
    const failures: string[] = [];
    await t.services.statistics.refreshStale((sittingId) => failures.push(sittingId));
    expect(failures).toEqual([faulty.sitting.id]);
    expect((await statisticsOf(t, examiner, fine.sitting.id)).status).toBe('ready');
    expect((await statisticsOf(t, examiner, faulty.sitting.id)).status).toBe('pending');
    await t.services.statistics.refreshStale((sittingId) => failures.push(sittingId));
    expect(failures).toEqual([faulty.sitting.id]);
  });
});

describe('item statistics leave out held attempts', () => {
  it('counts a held attempt only once it is released', async () => {
    const finished = await finishedSitting(t, admin, bank, [{ correct: 4 }, { correct: 2 }, { correct: 0 }]);
    const held = finished.candidates[1]!;
    await t.database.db.execute(
      sql`update attempts set scoring_hold = ${JSON.stringify({ problems: [], heldAt: new Date().toISOString() })}::jsonb
          where id = ${held.attemptId}`,
    );
    const computed = await t.services.statistics.compute(finished.sitting.id);
    expect(computed!.attempts).toBe(2);
  });
});

describe('statistics across the sittings of a blueprint, on the demo’s simulated population', () => {
  // A fresh app: the demo bank and its population, az and ru sectors of one blueprint, sat and published.
  let d: TestApp;
  let reader: Person;
  let blueprintId: string;
  let sittingIds: string[];
  let faults: Map<string, PlantedFault>;

  beforeAll(async () => {
    d = await createTestApp(EXAM_ENV);
    const author = await staffMember(d, 'examiner');
    const reviewer = await staffMember(d, 'examiner');
    const admin = await staffMember(d, 'administrator');
    reader = await staffMember(d, 'examiner');
    await seedQuestionBank({
      questions: d.services.questions,
      blueprints: d.services.blueprints,
      author: { id: author.id, ip: null },
      reviewer: { id: reviewer.id, ip: null },
    });
    const pool = await d.services.questions.pool();
    faults = plantFaults(pool);
    ({ blueprintId, sittingIds } = await seedDemoPopulation({
      clock: d.clock.read,
      history: { advanceTo: (at) => d.clock.set(new Date(Math.max(at, d.clock.read().getTime()))) },
      repository: createDemoPopulationRepository(d.database.db),
      blueprints: d.services.blueprints,
      sittings: d.services.sittings,
      results: d.services.results,
      pool,
      admin: { id: admin.id, ip: null },
      author: { id: author.id, ip: null },
      perLanguage: 500,
    }));
  }, 120_000);
  afterAll(() => d?.close());

  const blueprintView = async () => {
    const response = await request(d.app, {
      method: 'GET',
      url: `/api/statistics/blueprints/${blueprintId}`,
      cookie: reader.cookie,
    });
    expect(response.statusCode).toBe(200);
    return response.json<Static<typeof BlueprintStatisticsView>>();
  };
  const faultOf = (kind: PlantedFault['kind']) => [...faults].find(([, f]) => f.kind === kind)![0];

  it('are pending until the sittings’ own statistics are computed, then computed once for that set', async () => {
    const before = await request(d.app, {
      method: 'GET',
      url: `/api/statistics/blueprints/${blueprintId}`,
      cookie: reader.cookie,
    });
    expect(before.statusCode).toBe(404);
    expect(await d.services.statistics.refreshStale()).toBe(2);
    const view = await blueprintView();
    expect(view.status).toBe('ready');
    expect(view.sittings.map((s) => [s.language, s.attempts])).toEqual([
      ['az', 500],
      ['ru', 500],
    ]);
    expect(view.analysis!.test.attempts).toBe(1000);
    const list = await request(d.app, { method: 'GET', url: '/api/statistics/blueprints', cookie: reader.cookie });
    expect(list.json()).toContainEqual(expect.objectContaining({ blueprintId, sittings: 2, status: 'ready' }));
    // Nothing left to do: the basis has not moved.
    const computedAt = view.computedAt;
    d.clock.advance(60_000);
    await d.services.statistics.refreshStale();
    expect((await blueprintView()).computedAt).toBe(computedAt);
  });

  it('find the item harder in Russian as C-class DIF, which no single sitting can show', async () => {
    const view = await blueprintView();
    const translated = faultOf('harder-in');
    const dif = view.analysis!.dif.find((r) => r.item === translated)!;
    expect(dif).toMatchObject({ reference: 'az', focal: 'ru', class: 'C' });
    // Positive D-DIF favours the focal group: an item harder in Russian has it well below 0.
    expect(dif.dDif!).toBeLessThan(-1.5);
    expect(view.analysis!.items.find((i) => i.item === translated)!.flags).toContainEqual({
      code: 'dif-c',
      groups: 'az/ru',
    });
    for (const sittingId of sittingIds) {
      expect((await statisticsOf(d, reader, sittingId)).analysis!.dif).toEqual([]);
    }
  });

  it('find the miskeyed, the flat and the attracting items in each sitting and across both', async () => {
    const miskeyed = faultOf('miskeyed');
    const flat = faultOf('flat');
    const attracting = faultOf('attracting');
    const analyses = [
      (await blueprintView()).analysis!,
      ...(await Promise.all(sittingIds.map((id) => statisticsOf(d, reader, id)))).map((v) => v.analysis!),
    ];
    for (const analysis of analyses) {
      const codes = (id: string) => analysis.items.find((i) => i.item === id)!.flags.map((f) => f.code);
      expect(codes(miskeyed)).toContain('negative-discrimination');
      expect(codes(flat).some((c) => c === 'low-discrimination' || c === 'negative-discrimination')).toBe(true);
      expect(codes(attracting)).toContain('attracting-distractor');
    }
  });

  it('compare the two sittings as forms of one test', async () => {
    const forms = (await blueprintView()).analysis!.forms!;
    expect(forms.forms.map((f) => f.attempts)).toEqual([500, 500]);
    expect(forms.forms.map((f) => f.form).every((code) => code.startsWith('DEMO-'))).toBe(true);
    expect(forms.p).not.toBeNull();
  });

  it('are refused for an unknown blueprint or one with a single sitting', async () => {
    const unknown = await request(d.app, {
      method: 'GET',
      url: `/api/statistics/blueprints/${randomUUID()}`,
      cookie: reader.cookie,
    });
    expect(unknown.statusCode).toBe(404);
  });

  it('are recomputed when a sitting’s statistics move to a new revision', async () => {
    const before = await blueprintView();
    const sittingId = sittingIds[0]!;
    const [latest] = rowsOf<{ log_index: number; leaf_hash: string }>(
      await d.database.db.execute(
        sql`select log_index, leaf_hash from result_publications where sitting_id = ${sittingId} and revision = 1`,
      ),
    );
    await d.database.db.execute(sql`
      insert into result_publications (sitting_id, revision, statistics, log_index, leaf_hash, published_at)
      values (${sittingId}, 2, '{}'::jsonb, ${latest!.log_index}, ${latest!.leaf_hash}, now())`);
    d.clock.advance(60_000);
    // Two jobs at once: the sitting is refreshed once, and the blueprint stored for the new basis.
    const done = await Promise.all([d.services.statistics.refreshStale(), d.services.statistics.refreshStale()]);
    expect(done[0] + done[1]).toBe(1);
    const after = await blueprintView();
    expect(after.status).toBe('ready');
    expect(after.computedAt).not.toBe(before.computedAt);
    expect(after.sittings.find((s) => s.sittingId === sittingId)!.revision).toBe(2);
  });
});
