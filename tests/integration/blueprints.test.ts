import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, blueprints } from '../../db/schema/index';
import type { Blueprint } from '../../server/core/blueprint';
import { blueprint as blueprintOf, section } from '../../server/core/paper/test-support';
import { postAs } from '../factories/calls';
import { approvedQuestion, bankApp, singleChoiceDraft } from '../factories/questions';
import type { SignedIn } from '../factories/users';
import { request, type TestApp } from '../helpers/app';

let t: TestApp, author: SignedIn, reviewer: SignedIn;

beforeAll(async () => ({ t, author, reviewer } = await bankApp()));
afterAll(() => t.close());

function blueprint(overrides: Partial<Blueprint> = {}): Blueprint {
  return blueprintOf(
    [
      section({ title: { az: 'Məntiq' }, count: 3, difficultyMix: { easy: 2, hard: 1 }, minCorrect: 1 }),
      section({
        title: { az: 'Konstitusiya' },
        subject: 'legislation',
        topics: ['constitution'],
        count: 2,
        minCorrect: 1,
        shuffleQuestions: false,
        shuffleOptions: false,
      }),
    ],
    { name: 'Logic and legislation', durationMinutes: 30, passMark: 3, ...overrides },
  );
}

async function create(body: Blueprint) {
  return postAs(t, author, '/api/blueprints', body);
}

describe('blueprints', () => {
  it('rejects a malformed blueprint beside the field at fault, and stores nothing', async () => {
    const before = (await t.database.db.select({ n: count() }).from(blueprints))[0]!.n;
    const bad = blueprint();
    bad.sections[0]!.difficultyMix = { easy: 1, hard: 1 };
    const mismatch = await create(bad);
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.json().error.fields.map((f: { field: string }) => f.field)).toContain('sections.0.difficultyMix');
    const noSections = await create({ ...blueprint(), sections: [] });
    expect(noSections.statusCode).toBe(400);
    expect(noSections.json().error.fields[0].field).toBe('sections');
    const tooLong = await create({ ...blueprint(), durationMinutes: 601 });
    expect(tooLong.json().error.fields[0].field).toBe('durationMinutes');
    expect((await t.database.db.select({ n: count() }).from(blueprints))[0]!.n).toBe(before);
  });

  it('says per section and language whether the bank can fill it, and draws the same paper for the same seed', async () => {
    const created = await create(blueprint());
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    expect(
      (await t.database.db.select({ n: count() }).from(auditLog).where(eq(auditLog.action, 'blueprint.created')))[0]!.n,
    ).toBe(1);

    const empty = (
      await request(t.app, {
        method: 'GET',
        url: `/api/blueprints/${id}/feasibility?languages=az`,
        cookie: author.cookie,
      })
    ).json();
    expect(empty.ok).toBe(false);
    const infeasible = await request(t.app, {
      method: 'GET',
      url: `/api/blueprints/${id}/preview?seed=one`,
      cookie: author.cookie,
    });
    expect(infeasible.statusCode).toBe(409);
    expect(infeasible.json().error.fields[0].field).toBe('sections.0');

    for (let i = 0; i < 3; i++)
      await approvedQuestion(t, author.cookie, reviewer.cookie, singleChoiceDraft({ difficulty: 'easy' }));
    for (let i = 0; i < 2; i++)
      await approvedQuestion(t, author.cookie, reviewer.cookie, singleChoiceDraft({ difficulty: 'hard' }));
    for (let i = 0; i < 3; i++) {
      await approvedQuestion(
        t,
        author.cookie,
        reviewer.cookie,
        singleChoiceDraft({ subject: 'legislation', topic: 'constitution' }),
      );
    }
    const ready = (
      await request(t.app, { method: 'GET', url: `/api/blueprints/${id}/feasibility`, cookie: author.cookie })
    ).json();
    expect(ready.ok).toBe(true);
    expect(ready.languages.map((l: { language: string; ok: boolean }) => [l.language, l.ok])).toEqual([
      ['az', true],
      ['ru', true],
      ['en', true],
    ]);

    const first = await request(t.app, {
      method: 'GET',
      url: `/api/blueprints/${id}/preview?seed=sitting-42`,
      cookie: author.cookie,
    });
    expect(first.statusCode).toBe(200);
    const again = await request(t.app, {
      method: 'GET',
      url: `/api/blueprints/${id}/preview?seed=sitting-42`,
      cookie: reviewer.cookie,
    });
    expect(again.body).toBe(first.body);
    const paper = first.json();
    expect(paper.sections.map((s: { items: unknown[] }) => s.items.length)).toEqual([3, 2]);
    expect(paper.sections[0].items.filter((i: { difficulty: string }) => i.difficulty === 'hard')).toHaveLength(1);
    const ids = paper.sections.flatMap((s: { items: { questionId: string }[] }) => s.items.map((i) => i.questionId));
    expect(new Set(ids).size).toBe(5);

    const seeds = new Set<string>();
    for (const seed of ['a', 'b', 'c', 'd', 'e', 'f']) {
      const drawn = (
        await request(t.app, {
          method: 'GET',
          url: `/api/blueprints/${id}/preview?seed=${seed}`,
          cookie: author.cookie,
        })
      ).json();
      seeds.add(
        JSON.stringify(
          drawn.sections.map((s: { items: { versionId: string; options: { id: string }[] }[] }) =>
            s.items.map((i) => [i.versionId, i.options.map((o) => o.id)]),
          ),
        ),
      );
    }
    expect(seeds.size).toBeGreaterThan(1);
  });

  it('bumps the revision on change and archives on request', async () => {
    const id = (await create(blueprint())).json().id as string;
    const updated = await request(t.app, {
      method: 'PUT',
      url: `/api/blueprints/${id}`,
      cookie: author.cookie,
      payload: blueprint({ passMark: 4 }),
    });
    expect(updated.json().revision).toBe(2);
    expect(updated.json().passMark).toBe(4);
    const archived = await postAs(t, author, `/api/blueprints/${id}/archive`, { archived: true });
    expect(archived.json().archived).toBe(true);
    const listed = (await request(t.app, { method: 'GET', url: '/api/blueprints', cookie: author.cookie })).json() as {
      id: string;
    }[];
    expect(listed.map((b) => b.id)).not.toContain(id);
    const all = (
      await request(t.app, { method: 'GET', url: '/api/blueprints?archived=true', cookie: author.cookie })
    ).json() as { id: string }[];
    expect(all.map((b) => b.id)).toContain(id);
  });
});
