import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, questions, questionVersions } from '../../db/schema/index';
import { FORMATS } from '../../server/core/question-formats/index';
import { postAs } from '../factories/calls';
import { approvedQuestion, bankApp, createQuestion, singleChoiceDraft } from '../factories/questions';
import { signInStaff, signUpApplicant, type SignedIn } from '../factories/users';
import { createTestApp, request, type TestApp } from '../helpers/app';

let t: TestApp, author: SignedIn, reviewer: SignedIn;

beforeAll(async () => ({ t, author, reviewer } = await bankApp()));
afterAll(() => t.close());

const auditCount = async (action: string) =>
  (await t.database.db.select({ n: count() }).from(auditLog).where(eq(auditLog.action, action)))[0]!.n;

describe('the question bank', () => {
  it('seeds the DİM taxonomy', async () => {
    const response = await request(t.app, { method: 'GET', url: '/api/subjects', cookie: author.cookie });
    expect(response.statusCode).toBe(200);
    const subjects = response.json() as { id: string; topics: { id: string }[] }[];
    expect(subjects.map((s) => s.id)).toEqual(['logic', 'legislation', 'informatics', 'language']);
    expect(subjects[1]!.topics.map((topic) => topic.id)).toEqual([
      'constitution',
      'civil-service-law',
      'anti-corruption-law',
      'ethics-code',
    ]);
  });

  it('keeps keys out of the list and audits reading one', async () => {
    const id = await createQuestion(t, author.cookie);
    const list = await request(t.app, { method: 'GET', url: '/api/questions?limit=100', cookie: reviewer.cookie });
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toMatch(/"key"|"correct"|"accepted"|"explanation"/);
    expect(list.json().items.some((q: { id: string }) => q.id === id)).toBe(true);

    const before = await auditCount('question.key-read');
    const detail = await request(t.app, { method: 'GET', url: `/api/questions/${id}`, cookie: reviewer.cookie });
    expect(detail.json().versions[0].key).toEqual({ type: 'single', correct: ['a'] });
    expect(await auditCount('question.key-read')).toBe(before + 1);
  });

  it('saves every edit as a new version and leaves the old one as it was', async () => {
    const first = singleChoiceDraft();
    const id = await createQuestion(t, author.cookie, first);
    const second = { ...first, difficulty: 'hard' as const, tags: ['arithmetic', 'revised'] };
    const edit = await request(t.app, {
      method: 'PUT',
      url: `/api/questions/${id}`,
      cookie: author.cookie,
      payload: { ...second, expectedVersion: 1 },
    });
    expect(edit.json()).toEqual({ id, version: 2 });
    const stale = await request(t.app, {
      method: 'PUT',
      url: `/api/questions/${id}`,
      cookie: author.cookie,
      payload: { ...second, expectedVersion: 1 },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.fields[0].field).toBe('version');

    const detail = (await request(t.app, { method: 'GET', url: `/api/questions/${id}`, cookie: author.cookie })).json();
    expect(detail.versions.map((v: { version: number; difficulty: string }) => [v.version, v.difficulty])).toEqual([
      [1, 'easy'],
      [2, 'hard'],
    ]);
    expect(detail.currentVersion).toBe(2);
  });

  it('has a database that refuses to change a version, except marking it used once', async () => {
    const id = await createQuestion(t, author.cookie);
    await expect(
      t.database.db.execute(sql`update question_versions set difficulty = 'hard' where question_id = ${id}`),
    ).rejects.toThrow();
    await expect(t.database.db.execute(sql`delete from question_versions where question_id = ${id}`)).rejects.toThrow();
    await t.database.db.update(questionVersions).set({ usedAt: new Date() }).where(eq(questionVersions.questionId, id));
    await expect(
      t.database.db.execute(sql`update question_versions set used_at = now() where question_id = ${id}`),
    ).rejects.toThrow();
    const [row] = await t.database.db.select().from(questionVersions).where(eq(questionVersions.questionId, id));
    expect(row!.difficulty).toBe('easy');
    expect(row!.usedAt).not.toBeNull();
  });

  it('never lets an examiner approve their own question (four eyes)', async () => {
    const id = await createQuestion(t, author.cookie);
    expect((await postAs(t, author, `/api/questions/${id}/submit`)).json().status).toBe('in_review');
    const own = await postAs(t, author, `/api/questions/${id}/review`, { decision: 'approve' });
    expect(own.statusCode).toBe(403);
    const [unchanged] = await t.database.db.select().from(questions).where(eq(questions.id, id));
    expect(unchanged!.status).toBe('in_review');
    expect(unchanged!.approvedVersion).toBeNull();

    const other = await postAs(t, reviewer, `/api/questions/${id}/review`, { decision: 'approve' });
    expect(other.json()).toEqual({ id, status: 'approved' });
  });

  it('does not let the editor of the version under review, nor its author, approve it', async () => {
    const id = await approvedQuestion(t, author.cookie, reviewer.cookie);
    // The reviewer now edits the question: the new version is theirs, and the question is still the author's.
    await request(t.app, {
      method: 'PUT',
      url: `/api/questions/${id}`,
      cookie: reviewer.cookie,
      payload: singleChoiceDraft(),
    });
    await postAs(t, reviewer, `/api/questions/${id}/submit`);
    expect((await postAs(t, reviewer, `/api/questions/${id}/review`, { decision: 'approve' })).statusCode).toBe(403);
    expect((await postAs(t, author, `/api/questions/${id}/review`, { decision: 'approve' })).statusCode).toBe(403);
    const third = await signInStaff(t, 'administrator');
    expect((await postAs(t, third, `/api/questions/${id}/review`, { decision: 'approve' })).statusCode).toBe(200);
    const detail = (await request(t.app, { method: 'GET', url: `/api/questions/${id}`, cookie: author.cookie })).json();
    expect(detail.approvedVersion).toBe(2);
    // The page names who wrote the question and who wrote each version.
    expect([detail.authorId, detail.authorName]).toEqual([author.id, 'Test examiner']);
    expect(
      detail.versions.map((v: { createdBy: string; createdByName: string }) => [v.createdBy, v.createdByName]),
    ).toEqual([
      [author.id, 'Test examiner'],
      [reviewer.id, 'Test examiner'],
    ]);
  });

  it('keeps review comments and needs one to send a question back', async () => {
    const id = await createQuestion(t, author.cookie);
    await postAs(t, author, `/api/questions/${id}/submit`);
    const bare = await postAs(t, reviewer, `/api/questions/${id}/review`, { decision: 'request-changes' });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().error.fields[0].field).toBe('comment');
    const sent = await postAs(t, reviewer, `/api/questions/${id}/review`, {
      decision: 'request-changes',
      comment: 'Option c is ambiguous.',
    });
    expect(sent.json().status).toBe('draft');
    await postAs(t, author, `/api/questions/${id}/comments`, { comment: 'Fixed in the next version.' });
    const detail = (await request(t.app, { method: 'GET', url: `/api/questions/${id}`, cookie: author.cookie })).json();
    expect(detail.reviews.map((r: { action: string; comment: string | null }) => [r.action, r.comment])).toEqual([
      ['submitted', null],
      ['changes-requested', 'Option c is ambiguous.'],
      ['commented', 'Fixed in the next version.'],
    ]);
  });

  it('draws only approved, unretired versions into the pool', async () => {
    const approved = await approvedQuestion(t, author.cookie, reviewer.cookie);
    const retired = await approvedQuestion(t, author.cookie, reviewer.cookie);
    await postAs(t, author, `/api/questions/${retired}/retire`, { reason: 'Outdated.' });
    const draftOnly = await createQuestion(t, author.cookie);
    const pool = (await t.services.questions.pool()).map((p) => p.questionId);
    expect(pool).toContain(approved);
    expect(pool).not.toContain(retired);
    expect(pool).not.toContain(draftOnly);
  });

  it('shows the candidate view without the key', async () => {
    const id = await createQuestion(t, author.cookie);
    const preview = await request(t.app, {
      method: 'GET',
      url: `/api/questions/${id}/preview?language=ru`,
      cookie: author.cookie,
    });
    expect(preview.statusCode).toBe(200);
    expect(preview.json().text).toMatch(/^Сколько будет/);
    expect(preview.body).not.toMatch(/correct|accepted|explanation/);
  });

  it('rejects a bad draft field by field and writes nothing', async () => {
    const before = (await t.database.db.select({ n: count() }).from(questions))[0]!.n;
    const cases: [object, string][] = [
      [{ ...singleChoiceDraft(), key: { type: 'single', correct: ['z'] } }, 'key.correct'],
      [{ ...singleChoiceDraft(), subject: 'astrology' }, 'subject'],
      [{ ...singleChoiceDraft(), subject: 'logic', topic: 'constitution' }, 'topic'],
      [{ ...singleChoiceDraft(), difficulty: 'trivial' }, 'difficulty'],
    ];
    for (const [payload, field] of cases) {
      const response = await request(t.app, { method: 'POST', url: '/api/questions', cookie: author.cookie, payload });
      expect(response.statusCode, field).toBe(400);
      expect(
        response.json().error.fields.map((f: { field: string }) => f.field),
        field,
      ).toContain(field);
    }
    expect((await t.database.db.select({ n: count() }).from(questions))[0]!.n).toBe(before);
  });

  it('keeps the bank from applicants', async () => {
    const applicant = await signUpApplicant(t);
    const id = await createQuestion(t, author.cookie);
    for (const url of [
      '/api/questions',
      `/api/questions/${id}`,
      `/api/questions/${id}/preview?language=az`,
      '/api/questions/export?format=csv',
      '/api/subjects',
    ]) {
      expect((await request(t.app, { method: 'GET', url, cookie: applicant.cookie })).statusCode, url).toBe(403);
      expect((await request(t.app, { method: 'GET', url })).statusCode, url).toBe(401);
    }
  });
});

describe('import and export', () => {
  it('round-trips every format through the API without loss', async () => {
    const drafts = [
      singleChoiceDraft({ externalId: 'rt-single', topic: undefined }),
      {
        ...singleChoiceDraft({ externalId: 'rt-multiple', subject: 'informatics' }),
        content: {
          type: 'multiple' as const,
          text: { az: 'Hansılar brauzerdir?', ru: 'Какие из них браузеры?', en: 'Which are browsers?' },
          options: [
            { id: 'a', text: { az: 'Firefox', ru: 'Firefox', en: 'Firefox' } },
            { id: 'b', text: { az: 'Chromium', ru: 'Chromium', en: 'Chromium' } },
            { id: 'c', text: { az: 'Excel', ru: 'Excel', en: 'Excel' } },
          ],
        },
        key: { type: 'multiple' as const, correct: ['a', 'b'], scoring: 'partial' as const },
      },
      {
        ...singleChoiceDraft({
          externalId: 'rt-short',
          subject: 'legislation',
          topic: 'constitution',
          source: 'Constitution',
        }),
        content: { type: 'short' as const, text: { az: 'Paytaxt?', ru: 'Столица?', en: 'Capital?' }, options: [] },
        key: {
          type: 'short' as const,
          accepted: [{ az: 'Bakı', ru: 'Баку', en: 'Baku' }],
          match: 'normalised' as const,
        },
      },
    ];
    for (const draft of drafts) await createQuestion(t, author.cookie, draft);

    const inBank = await t.services.questions.exportDrafts({ id: null, ip: null }, {}, 'test');
    for (const format of ['csv', 'gift', 'moodle-xml'] as const) {
      const exported = await request(t.app, {
        method: 'GET',
        url: `/api/questions/export?format=${format}`,
        cookie: author.cookie,
      });
      expect(exported.statusCode).toBe(200);
      expect(exported.headers['content-disposition']).toMatch(/attachment/);
      const parsed = FORMATS[format].import(exported.body);
      expect(parsed.ok, format).toBe(true);
      expect(parsed.ok && parsed.drafts, format).toEqual(inBank);
    }

    const all = await request(t.app, { method: 'GET', url: '/api/questions/export?format=csv', cookie: author.cookie });
    const fresh = await createTestAppWithStaff();
    try {
      const imported = await request(fresh.t.app, {
        method: 'POST',
        url: '/api/questions/import',
        cookie: fresh.cookie,
        payload: { format: 'csv', content: all.body },
      });
      expect(imported.statusCode, imported.body).toBe(201);
      const listed = await fresh.t.services.questions.exportDrafts({ id: null, ip: null }, {}, 'test');
      const byId = new Map(listed.map((d) => [d.externalId, d]));
      for (const draft of drafts) expect(byId.get(draft.externalId)).toEqual(draft);
    } finally {
      await fresh.t.close();
    }
  });

  it('imports all rows or none, reporting each bad row', async () => {
    const before = (await t.database.db.select({ n: count() }).from(questions))[0]!.n;
    const exported = await request(t.app, {
      method: 'GET',
      url: '/api/questions/export?format=csv&subject=logic',
      cookie: author.cookie,
    });
    const lines = exported.body.trimEnd().split('\n');
    const header = lines[0]!;
    const good = lines.slice(1, 3).map((line) => line.replace(/^[^,]*,/, ','));
    const badSubject = good[0]!.replace(',logic,', ',astrology,');
    const csv = [header, ...good, badSubject].join('\n');
    const response = await postAs(t, author, '/api/questions/import', { format: 'csv', content: csv });
    expect(response.statusCode).toBe(422);
    const problems = response.json().error.problems as { row: number; field: string }[];
    expect(problems.length).toBeGreaterThan(0);
    // The CSV's header is line 1, so its third question is on line 4.
    expect(problems).toEqual([
      { row: 4, field: 'subject', code: 'unknown', message: 'No subject astrology in the bank.' },
    ]);
    expect((await t.database.db.select({ n: count() }).from(questions))[0]!.n).toBe(before);

    const duplicate = await postAs(t, author, '/api/questions/import', { format: 'csv', content: exported.body });
    expect(duplicate.statusCode).toBe(422);
    expect(duplicate.json().error.problems.map((p: { field: string }) => p.field)).toContain('external_id');
    expect((await t.database.db.select({ n: count() }).from(questions))[0]!.n).toBe(before);
  });
});

async function createTestAppWithStaff() {
  const fresh = await createTestApp();
  const staff = await signInStaff(fresh, 'examiner');
  return { t: fresh, cookie: staff.cookie };
}
