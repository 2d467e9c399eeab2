import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { essayScripts, logEntries, sittings, users, vacancies } from '../../db/schema/index';
import type { DemoAccountView } from '../../server/api-types';
import { DEMO_ACCOUNTS } from '../../server/modules/demo/demo.accounts';
import { seededDemoApp, type DemoApp } from '../factories/demo';
import { createTestApp, request, sessionCookie, type TestApp } from '../helpers/app';

describe('a demo installation', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ DEMO: 'true' });
  });
  afterAll(() => t.close());

  // The seed writes a population of a thousand sat exams (and the reserve programme): its time is not what is
  // tested here.
  it('is not seeded until seed() runs, then is', { timeout: 180_000 }, async () => {
    expect(await t.services.demo.isSeeded()).toBe(false);
    await t.services.demo.seed();
    expect(await t.services.demo.isSeeded()).toBe(true);
  });

  it('holds every demo account with its role, and two-factor enrolled for staff only', async () => {
    for (const account of DEMO_ACCOUNTS) {
      const [row] = await t.database.db.select().from(users).where(eq(users.email, account.email));
      expect(row, account.email).toMatchObject({ role: account.role, fullName: account.fullName });
      if (account.role === 'applicant') {
        expect(row!.totpEnabledAt).toBeNull();
        expect(row).toMatchObject({ nationalIdScheme: account.nationalIdScheme, nationalId: account.nationalId });
      } else {
        expect(row!.totpEnabledAt).not.toBeNull();
        expect(row!.totpSecret).toMatch(/^[A-Z2-7]+$/);
      }
    }
    expect(await t.database.db.select().from(users)).toHaveLength(DEMO_ACCOUNTS.length);
  });

  it('says so in /api/meta', async () => {
    const response = await request(t.app, { method: 'GET', url: '/api/meta' });
    expect(response.statusCode).toBe(200);
    expect(response.json().demo).toBe(true);
  });

  it('lists the demo accounts with a current code, uncached', async () => {
    const response = await request(t.app, { method: 'GET', url: '/api/demo/accounts' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const accounts = response.json() as DemoAccountView[];
    expect(accounts.map((a) => [a.email, a.role, a.password])).toEqual(
      DEMO_ACCOUNTS.map((a) => [a.email, a.role, a.password]),
    );
    for (const account of accounts) {
      if (account.role === 'applicant') {
        expect(account).toMatchObject({ totpSecret: null, currentCode: null });
      } else {
        expect(account.currentCode, account.email).toMatch(/^\d{6}$/);
        const [row] = await t.database.db.select().from(users).where(eq(users.email, account.email));
        expect(account.totpSecret).toBe(row!.totpSecret);
      }
    }
  });

  it('shows a code that completes a staff sign-in right after seeding', async () => {
    const admin = DEMO_ACCOUNTS.find((a) => a.role === 'administrator')!;
    const signIn = await request(t.app, {
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { login: admin.email, password: admin.password },
    });
    expect(signIn.statusCode).toBe(200);
    expect(signIn.json().next).toBe('two-factor');
    const cookie = sessionCookie(signIn, t.config);

    const accounts = (await request(t.app, { method: 'GET', url: '/api/demo/accounts' })).json() as DemoAccountView[];
    const code = accounts.find((a) => a.email === admin.email)!.currentCode!;
    const verify = await request(t.app, {
      method: 'POST',
      url: '/api/auth/two-factor/verify',
      cookie,
      payload: { code },
    });
    expect(verify.statusCode, verify.body).toBe(200);
    // The second factor replaces the session, so the staff pages are reached with the new cookie.
    const audit = await request(t.app, {
      method: 'GET',
      url: '/api/admin/audit',
      cookie: sessionCookie(verify, t.config),
    });
    expect(audit.statusCode).toBe(200);

    // A second sign-in within the same half-minute: the used code is not shown again, the next one is.
    const again = await request(t.app, {
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { login: admin.email, password: admin.password },
    });
    const second = (await request(t.app, { method: 'GET', url: '/api/demo/accounts' })).json() as DemoAccountView[];
    const nextCode = second.find((a) => a.email === admin.email)!.currentCode!;
    expect(nextCode).not.toBe(code);
    const replay = await request(t.app, {
      method: 'POST',
      url: '/api/auth/two-factor/verify',
      cookie: sessionCookie(again, t.config),
      payload: { code },
    });
    expect(replay.statusCode).toBe(400);
    const verified = await request(t.app, {
      method: 'POST',
      url: '/api/auth/two-factor/verify',
      cookie: sessionCookie(again, t.config),
      payload: { code: nextCode },
    });
    expect(verified.statusCode, verified.body).toBe(200);
  });

  it('lets the demo applicants sign in with the listed passwords', async () => {
    for (const account of DEMO_ACCOUNTS.filter((a) => a.role === 'applicant')) {
      const response = await request(t.app, {
        method: 'POST',
        url: '/api/auth/sign-in',
        payload: { login: account.email, password: account.password },
      });
      expect(response.statusCode, account.email).toBe(200);
      expect(response.json().next).toBe('done');
    }
  });
});

describe('a real installation', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ DEMO: 'false' });
  });
  afterAll(() => t.close());

  it('has no demo accounts route and says demo false', async () => {
    const accounts = await request(t.app, { method: 'GET', url: '/api/demo/accounts' });
    expect(accounts.statusCode).toBe(404);
    expect(accounts.json().error.code).toBe('NOT_FOUND');
    expect(t.app.apiRoutes.some((r) => r.url.startsWith('/api/demo'))).toBe(false);
    const meta = await request(t.app, { method: 'GET', url: '/api/meta' });
    expect(meta.json().demo).toBe(false);
    expect(await t.services.demo.isSeeded()).toBe(false);
  });
});

describe('the demo’s reserve programme, seeded on a clock that moves (as on a first start)', () => {
  let t: DemoApp;
  const year = new Date().getUTCFullYear();
  const idOf = async (email: string) => (await t.database.db.select().from(users).where(eq(users.email, email)))[0]!.id;
  const sittingId = async () =>
    (
      await t.database.db
        .select()
        .from(sittings)
        .where(eq(sittings.code, `EHTIYAT-${year}-YAZI`))
    )[0]!.id;
  const vacancyId = async () =>
    (
      await t.database.db
        .select()
        .from(vacancies)
        .where(eq(vacancies.code, `EHTIYAT-${year}-01`))
    )[0]!.id;

  // The demo writes its history (the test stage published, the written work sat and marked) on the system clock.
  beforeAll(async () => (t = await seededDemoApp()), 600_000);
  afterAll(() => t.close());

  it('has published the test stage’s list and waits at the written work for one candidate', async () => {
    const stages = t.services.competitions.stages;
    const tested = await stages.preview(await vacancyId(), 1);
    expect(tested.state).toBe('advanced');
    const through = tested.results.filter((r) => r.advanced);
    expect(through.length).toBeGreaterThanOrEqual(6);
    expect(through.length).toBeLessThanOrEqual(8);
    const written = await stages.preview(await vacancyId(), 2);
    expect(written.state).toBe('waiting');
    expect(written.waitingFor).toBe('stage.scores_missing');
    expect(written.missing).toHaveLength(1);
    expect(through.map((r) => r.candidateCode)).toContain(written.missing[0]);
  });

  it('has every script marked blind by the two demo examiners, one awaiting the chief and the rest final', async () => {
    const plan = await t.services.marking.planView(await sittingId());
    const examiners = [await idOf('examiner@demo.imtahan.az'), await idOf('examiner2@demo.imtahan.az')];
    expect(plan.plan!.markers.map((m) => m.id).sort()).toEqual([...examiners].sort());
    expect(plan.plan!.chief.id).toBe(await idOf('admin@demo.imtahan.az'));
    expect(plan.scripts.length).toBeGreaterThanOrEqual(6);
    expect(plan.scripts.every((s) => s.markings === 2)).toBe(true);
    const third = plan.scripts.filter((s) => s.status === 'third');
    expect(third).toHaveLength(1);
    expect(plan.scripts.filter((s) => s.status === 'final')).toHaveLength(plan.scripts.length - 1);
    expect(plan.scripts.filter((s) => s.status === 'final').every((s) => s.finalPoints !== null)).toBe(true);
    // The chief's queue holds that script, so a demo visitor signed in as the administrator can mark it.
    const queue = await t.services.marking.queue(await idOf('admin@demo.imtahan.az'));
    expect(queue.scripts.map((s) => [s.code, s.role, s.myTotal])).toEqual([[third[0]!.code, 'chief', null]]);
    // The replies were written in all three languages.
    const texts = (
      await t.database.db
        .select()
        .from(essayScripts)
        .where(eq(essayScripts.sittingId, await sittingId()))
    ).map((s) => s.text);
    expect(texts.some((x) => /[əı]/.test(x))).toBe(true);
    expect(texts.some((x) => /[а-я]/.test(x))).toBe(true);
    expect(texts.some((x) => /^Dear /.test(x))).toBe(true);
  });

  it('logged the stage’s list, the plan and every marking through the services', async () => {
    const entries = (await t.database.db.select().from(logEntries).orderBy(asc(logEntries.idx))).map(
      (r) => JSON.parse(Buffer.from(r.entry).toString('utf8')) as { type: string; [k: string]: unknown },
    );
    const plan = await t.services.marking.planView(await sittingId());
    expect(
      entries.filter((e) => e.type === 'stage.advanced' && e['vacancyCode'] === `EHTIYAT-${year}-01`),
    ).toHaveLength(1);
    const committed = entries.filter((e) => e.type === 'marking.committed' && e['sittingCode'] === plan.sittingCode);
    expect(committed).toHaveLength(2 * plan.scripts.length);
  });

  it('lets the chief’s third marking finish the written work, so the stage can be advanced', async () => {
    const chief = { id: await idOf('admin@demo.imtahan.az'), ip: null };
    const [code] = (await t.services.marking.queue(chief.id)).scripts.map((s) => s.code);
    await t.services.marking.mark(chief, code!, {
      criteria: ['needs', 'action', 'language'].map((criterionId) => ({
        criterionId,
        points: 6,
        justification: 'Baş qiymətləndiricinin rəyi.',
      })),
    });
    const written = await t.services.competitions.stages.preview(await vacancyId(), 2);
    expect(written.state).toBe('ready');
  });
});
