import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MarkerQueue } from '../../server/modules/marking/marking.schemas';
import type { StagePreview } from '../../server/modules/competitions/stages.schemas';
import { okBody, postAs } from '../factories/calls';
import { HOUR, appliedToStagedRound, draftVacancy, type ApplicationView } from '../factories/competitions';
import { createPlan, marks, writtenSitting, type WrittenSitting } from '../factories/marking';
import { allSignedInAgain, publishResults, signedInAgain } from '../factories/results';
import { staffMember, type Person } from '../factories/sittings';
import { request } from '../helpers/app';
import { expectConflict } from '../helpers/exam';

/**
 * A written-work stage from the essay to the published list: the candidates' scripts are marked blind twice
 * (one pair far apart, so the chief marks it a third time), the stage waits until every script is final,
 * and its list, scored from the final written marks, is published and reveals the markings.
 */
let w: WrittenSitting;
let admin: Person;
let markers: Person[];
let chief: Person;
let candidates: Person[];
let applications: ApplicationView[];
let vacancyId: string;

const get = async <T>(who: Person, url: string) =>
  okBody<T>(await request(w.t.app, { method: 'GET', url, cookie: who.cookie }), 200, url);
const preview = () => get<StagePreview>(admin, `/api/admin/vacancies/${vacancyId}/stages/1`);
const advance = () =>
  request(w.t.app, { method: 'POST', url: `/api/admin/vacancies/${vacancyId}/stages/1/advance`, cookie: admin.cookie });

const signInAll = async () =>
  ({ admin, markers, chief, candidates } = await allSignedInAgain(w.t, { admin, markers, chief, candidates }));

beforeAll(async () => {
  w = await writtenSitting(3);
  admin = w.admin;
  markers = [await staffMember(w.t, 'examiner'), await staffMember(w.t, 'examiner')];
  chief = await staffMember(w.t, 'examiner');
  w.t.clock.set(new Date(new Date(w.sitting.endsAt).getTime() + HOUR));
  admin = await signedInAgain(w.t, admin);
  await publishResults(w.t, admin, w.sitting.id);
  candidates = await Promise.all(w.candidates.map((c) => signedInAgain(w.t, c)));
  const draft = await draftVacancy(w.t, admin);
  vacancyId = draft.vacancyId;
  const written = { kind: 'written', blueprintId: w.sitting.blueprintId, weight: 1, minScore: 50, ties: 'include' };
  applications = await appliedToStagedRound(w.t, admin, draft, [written], candidates);
  await signInAll();
  await createPlan(w.t, admin, w.sitting.id, {
    markerIds: markers.map((m) => m.id),
    chiefId: chief.id,
    threshold: 4,
    rule: 'closest-pair',
  });
}, 240_000);
afterAll(() => w.t.close());

describe('a written-work stage', () => {
  it('waits while a script is unmarked, naming the candidates still to be marked', async () => {
    const waiting = await preview();
    expect(waiting.state).toBe('waiting');
    expect(waiting.missing.sort()).toEqual(applications.map((a) => a.candidateCode).sort());
    expectConflict(await advance(), 'stage.scores_missing');
  });

  it('scores each candidate by the final written mark, the chief’s third marking included, and publishes', async () => {
    // Out of 20 (two criteria of 10): the first script's markers agree, the second's are far apart and the
    // chief's marking decides with the nearer one, the third's give 4 and 5.
    const plans = [
      [marks(8, 8), marks(8, 8)],
      [marks(2, 2), marks(7, 7)],
      [marks(2, 2), marks(3, 2)],
    ];
    const scripts = new Map<string, Person[]>();
    for (const m of markers)
      for (const s of (await get<MarkerQueue>(m, '/api/marking/scripts')).scripts)
        scripts.set(s.code, [...(scripts.get(s.code) ?? []), m]);
    const codes = [...scripts.keys()].sort();
    expect(codes).toHaveLength(3);
    for (const [i, code] of codes.entries())
      for (const [j, marker] of scripts.get(code)!.entries())
        okBody(await postAs(w.t, marker, `/api/marking/scripts/${code}/marks`, plans[i]![j]!), 200, 'mark');
    // One script still awaits the chief: the stage still waits, for that one candidate only.
    expect((await preview()).missing).toHaveLength(1);
    const third = (await get<MarkerQueue>(chief, '/api/marking/scripts')).scripts;
    expect(third).toHaveLength(1);
    okBody(await postAs(w.t, chief, `/api/marking/scripts/${third[0]!.code}/marks`, marks(6, 6)), 200, 'chief');

    const ready = await preview();
    expect(ready.state).toBe('ready');
    // 16/20 = 80; (12 + 14) / 2 = 13/20 = 65; (4 + 5) / 2 = 4.5/20 = 22.5: the minimum of 50 lets two through.
    expect(ready.results.map((r) => [r.score, r.advanced, r.reason])).toEqual([
      [80, true, 'passed'],
      [65, true, 'passed'],
      [22.5, false, 'below_minimum'],
    ]);
    const published = okBody<StagePreview>(await advance(), 200, 'advance');
    expect(published.state).toBe('advanced');
    expect(published.results).toEqual(ready.results);
  });

  it('reveals the markings to the candidates once the list is published', async () => {
    const attemptId = w.candidates[0]!.attemptId;
    const view = await get<{ revealed: boolean }>(candidates[0]!, `/api/attempts/${attemptId}/written`);
    expect(view.revealed).toBe(true);
  });
});
