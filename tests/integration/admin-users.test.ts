import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, sessions, users } from '../../db/schema/index';
import { openSession } from '../factories/sessions';
import { insertUser, signInPassword, signInStaff, signUpApplicant, type SignedIn } from '../factories/users';
import { createTestApp, request, type TestApp } from '../helpers/app';
import { expectDatabaseUnchanged } from '../helpers/snapshot';

let t: TestApp;
let admin: SignedIn;
beforeAll(async () => {
  t = await createTestApp();
  admin = await signInStaff(t, 'administrator');
});
afterAll(() => t.close());

const asAdmin = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  request(t.app, { method, url, cookie: admin.cookie, ...(payload ? { payload } : {}) });
const changeRole = (id: string, role: string, cookie = admin.cookie) =>
  request(t.app, { method: 'PATCH', url: `/api/admin/users/${id}`, cookie, payload: { role } });
const auditFor = (action: string, targetId: string) =>
  t.database.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.targetId, targetId)));
/** The one audit entry an administrator's change to a user account leaves. */
const byAdmin = (details: Record<string, unknown>) => [
  expect.objectContaining({ actorId: admin.id, targetType: 'user', details }),
];
/** What sign-in asks of the account next (`two-factor-setup` for staff without a factor). */
const nextAtSignIn = async (login: string, password: string) => {
  const response = await request(t.app, { method: 'POST', url: '/api/auth/sign-in', payload: { login, password } });
  return response.json<{ next: string }>().next;
};

interface Summary {
  id: string;
  email: string;
  fullName: string;
  role: string;
  nationalId: string | null;
}

describe('creating staff accounts', () => {
  it('creates an examiner, stores it, and audits the administrator as the actor', async () => {
    const response = await asAdmin('POST', '/api/admin/users', {
      fullName: '  Günel Həsənova ',
      email: 'Gunel.Hasanova@Example.AZ',
      role: 'examiner',
      password: 'examiner password 1',
    });
    expect(response.statusCode, response.body).toBe(201);
    const created = response.json();
    expect(created).toEqual({
      id: expect.any(String),
      fullName: 'Günel Həsənova',
      email: 'gunel.hasanova@example.az',
      role: 'examiner',
      nationalIdScheme: null,
      nationalId: null,
      twoFactorEnabled: false,
      disabledAt: null,
      // Typed by the administrator: its holder must change it at first sign-in.
      mustChangePassword: true,
      createdAt: expect.any(String),
    });
    const [row] = await t.database.db.select().from(users).where(eq(users.id, created.id));
    expect(row).toMatchObject({ role: 'examiner', createdBy: admin.id, totpSecret: null });
    expect(row!.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await auditFor('account.created', created.id)).toEqual(
      byAdmin({ role: 'examiner', email: 'gunel.hasanova@example.az', initialPassword: true }),
    );

    // The new examiner must enrol two-factor at first sign-in.
    expect(await nextAtSignIn('gunel.hasanova@example.az', 'examiner password 1')).toBe('two-factor-setup');
  });

  it('refuses a second account with the same e-mail, in any case, and writes nothing', async () => {
    const response = await expectDatabaseUnchanged(t.database.db, () =>
      asAdmin('POST', '/api/admin/users', {
        fullName: 'Another Person',
        email: 'GUNEL.HASANOVA@example.az',
        role: 'administrator',
        password: 'another password 1',
      }),
    );
    expect(response.statusCode).toBe(409);
    expect(response.json().error).toMatchObject({
      code: 'CONFLICT',
      fields: [{ field: 'email', code: 'taken', message: expect.any(String) }],
    });
  });

  it('lets exactly one of simultaneous creations with one e-mail through', async () => {
    const body = {
      fullName: 'Race Person',
      email: 'race.staff@example.az',
      role: 'examiner',
      password: 'race password 12',
    };
    const responses = await Promise.all(Array.from({ length: 5 }, () => asAdmin('POST', '/api/admin/users', body)));
    expect(responses.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409, 409]);
    expect(await t.database.db.select().from(users).where(eq(users.email, 'race.staff@example.az'))).toHaveLength(1);
  });
});

describe('listing and searching accounts', () => {
  const list = async (query: string) => {
    const response = await asAdmin('GET', `/api/admin/users?${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as { items: Summary[]; total: number; nextCursor: string | null };
  };

  beforeAll(async () => {
    await insertUser(t, {
      fullName: 'Leyla Quliyeva',
      email: 'leyla@search.example',
      nationalIdScheme: 'AZ_FIN',
      nationalId: '6AB7CD8',
    });
    await insertUser(t, {
      fullName: 'Orxan Babayev',
      email: 'ORXAN.case@search.example'.toLowerCase(),
      role: 'examiner',
    });
    await insertUser(t, { fullName: '100% Sure', email: 'percent@search.example' });
    await insertUser(t, { fullName: 'Under_Score', email: 'underscore@search.example' });
    await insertUser(t, { fullName: 'Plain Person', email: 'plain@search.example' });
  });

  it.each([
    ['a name, in another case', 'q=LEYLA', ['leyla@search.example']],
    ['part of an e-mail', 'q=orxan.CASE', ['orxan.case@search.example']],
    ['part of a national ID, in lower case', 'q=ab7c', ['leyla@search.example']],
    ['a literal %', 'q=%25', ['percent@search.example']],
    ['a literal _', 'q=_', ['underscore@search.example']],
    ['a literal backslash (matches nothing)', 'q=%5C', []],
    ['a search and a role', 'q=search.example&role=examiner', ['orxan.case@search.example']],
  ])('finds by %s', async (_name, query, emails) => {
    const page = await list(query);
    expect(page.items.map((u) => u.email)).toEqual(emails);
    expect(page.total).toBe(emails.length);
  });

  it('filters by role', async () => {
    const all = await t.database.db.select().from(users);
    for (const role of ['applicant', 'examiner', 'administrator']) {
      const page = await list(`role=${role}&limit=100`);
      const expected = all
        .filter((u) => u.role === role)
        .map((u) => u.email)
        .sort();
      expect(page.items.map((u) => u.email)).toEqual(expected);
      expect(page.items.every((u) => u.role === role)).toBe(true);
      expect(page.total).toBe(expected.length);
    }
  });

  it('walks every page with the cursor: each account once, in e-mail order, with the right total', async () => {
    for (let i = 0; i < 12; i += 1)
      await insertUser(t, { fullName: `Paged ${i}`, email: `paged-${String(i).padStart(2, '0')}@page.example` });
    const expected = (await t.database.db.select({ email: users.email }).from(users)).map((u) => u.email).sort();

    for (const limit of [1, 5, expected.length, expected.length + 1]) {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page = await list(`limit=${limit}${cursor ? `&after=${encodeURIComponent(cursor)}` : ''}`);
        expect(page.total).toBe(expected.length);
        expect(page.items.length).toBeLessThanOrEqual(limit);
        seen.push(...page.items.map((u) => u.email));
        cursor = page.nextCursor;
        pages += 1;
        expect(pages).toBeLessThanOrEqual(expected.length + 1);
      } while (cursor);
      expect(seen, `limit ${limit}`).toEqual(expected);
    }

    const filtered = await list('q=page.example&limit=5');
    expect(filtered.total).toBe(12);
    const second = await list(`q=page.example&limit=5&after=${encodeURIComponent(filtered.nextCursor!)}`);
    expect(second.items.map((u) => u.email)).toEqual(
      ['paged-05', 'paged-06', 'paged-07', 'paged-08', 'paged-09'].map((p) => `${p}@page.example`),
    );
  });

  it('never sends password hashes or TOTP secrets', async () => {
    const page = await list('limit=100');
    const text = JSON.stringify(page);
    expect(text).not.toMatch(/argon2|passwordHash|totpSecret/);
  });
});

describe('changing roles', () => {
  it('changes a role, ends the account’s sessions and audits from/to with the actor', async () => {
    const applicant = await signUpApplicant(t);
    const other = await signInPassword(t, applicant.email, applicant.password);
    const response = await changeRole(applicant.id, 'examiner');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ id: applicant.id, role: 'examiner' });

    const [row] = await t.database.db.select().from(users).where(eq(users.id, applicant.id));
    expect(row!.role).toBe('examiner');
    expect(await t.database.db.select().from(sessions).where(eq(sessions.userId, applicant.id))).toEqual([]);
    for (const cookie of [applicant.cookie, other]) {
      const me = await request(t.app, { method: 'GET', url: '/api/auth/session', cookie });
      expect(me.json().user).toBeNull();
    }
    expect(await auditFor('account.role-changed', applicant.id)).toEqual(
      byAdmin({ from: 'applicant', to: 'examiner' }),
    );

    // The new examiner now needs two-factor set-up, like any staff member.
    expect(await nextAtSignIn(applicant.email, applicant.password)).toBe('two-factor-setup');
  });

  it('does nothing (and audits nothing) when the role is already that', async () => {
    const user = await insertUser(t, { role: 'examiner' });
    const cookie = await openSession(t, user.id);
    const response = await expectDatabaseUnchanged(t.database.db, () => changeRole(user.id, 'examiner'));
    expect(response.statusCode).toBe(200);
    expect(response.json().role).toBe('examiner');
    expect((await request(t.app, { method: 'GET', url: '/api/auth/session', cookie })).json().user.id).toBe(user.id);
  });

  it('answers 404 for an account that does not exist', async () => {
    const response = await expectDatabaseUnchanged(t.database.db, () =>
      changeRole('7d6f4a52-64c5-4a8e-9b0a-1f2e3d4c5b6a', 'examiner'),
    );
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('NOT_FOUND');
  });

  describe('the last administrator', () => {
    let fresh: TestApp;
    let only: SignedIn;
    beforeAll(async () => {
      fresh = await createTestApp();
      only = await signInStaff(fresh, 'administrator');
    });
    afterAll(() => fresh.close());

    const patch = (id: string, role: string, cookie: string) =>
      request(fresh.app, { method: 'PATCH', url: `/api/admin/users/${id}`, cookie, payload: { role } });

    it('cannot lose the role: 403, and nothing changes', async () => {
      for (const role of ['examiner', 'applicant']) {
        const response = await expectDatabaseUnchanged(fresh.database.db, () => patch(only.id, role, only.cookie));
        expect(response.statusCode).toBe(403);
        expect(response.json().error.code).toBe('FORBIDDEN');
      }
    });

    it('can once there is another, and the second-to-last cannot then be removed', async () => {
      const second = await signInStaff(fresh, 'administrator');
      const response = await patch(only.id, 'examiner', second.cookie);
      expect(response.statusCode, response.body).toBe(200);
      const refused = await expectDatabaseUnchanged(fresh.database.db, () =>
        patch(second.id, 'applicant', second.cookie),
      );
      expect(refused.statusCode).toBe(403);
    });

    it('is kept while another demotion is still in flight', async () => {
      const [x, y] = [
        await insertUser(fresh, { role: 'administrator' }),
        await insertUser(fresh, { role: 'administrator' }),
      ];
      const admins = await fresh.database.db.select().from(users).where(eq(users.role, 'administrator'));
      // Leave exactly x and y as administrators.
      for (const other of admins.filter((u) => u.id !== x.id && u.id !== y.id)) {
        await fresh.database.db.update(users).set({ role: 'examiner' }).where(eq(users.id, other.id));
      }
      const yCookie = await openSession(fresh, y.id);
      // A transaction that has demoted x but not yet committed, while y asks to be demoted too.
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      const inFlight = fresh.database.db.transaction(async (tx) => {
        await tx.update(users).set({ role: 'examiner' }).where(eq(users.id, x.id));
        await held;
      });
      const demoteY = patch(y.id, 'applicant', yCookie);
      await new Promise((resolve) => setTimeout(resolve, 300));
      release();
      await inFlight;
      const response = await demoteY;
      expect(response.statusCode, response.body).toBe(403);
      const remaining = await fresh.database.db.select().from(users).where(eq(users.role, 'administrator'));
      expect(remaining.map((u) => u.id)).toEqual([y.id]);
    });

    it('survives administrators demoting each other at the same moment', async () => {
      const [a, b] = [await signInStaff(fresh, 'administrator'), await signInStaff(fresh, 'administrator')];
      // Now three administrators (the second from before, a, b). Demote all three at once, each by another.
      const admins = await fresh.database.db.select().from(users).where(eq(users.role, 'administrator'));
      expect(admins).toHaveLength(3);
      const cookies = [a.cookie, b.cookie, a.cookie];
      const targets = admins.map((u) => u.id);
      const responses = await Promise.all(targets.map((id, i) => patch(id, 'examiner', cookies[i]!)));
      const remaining = await fresh.database.db.select().from(users).where(eq(users.role, 'administrator'));
      expect(remaining.length).toBeGreaterThanOrEqual(1);
      expect(responses.filter((r) => r.statusCode === 200)).toHaveLength(3 - remaining.length);
      for (const r of responses.filter((r) => r.statusCode !== 200)) expect([401, 403]).toContain(r.statusCode);
    });
  });
});

describe('the audit log API', () => {
  it('lists entries newest first, pages with `before`, and filters by action and actor', async () => {
    const all = await t.database.db.select().from(auditLog);
    const ids = all.map((e) => e.id).sort((x, y) => y - x);
    expect(ids.length).toBeGreaterThan(10);

    const seen: number[] = [];
    let before: number | null = null;
    do {
      const response = await asAdmin('GET', `/api/admin/audit?limit=4${before ? `&before=${before}` : ''}`);
      expect(response.statusCode).toBe(200);
      const page = response.json() as { items: { id: number; at: string }[]; nextCursor: number | null };
      seen.push(...page.items.map((e) => e.id));
      before = page.nextCursor;
    } while (before);
    // The listing itself writes nothing, so the log seen is the log as it was.
    expect(seen).toEqual(ids);

    const first = (await asAdmin('GET', '/api/admin/audit')).json();
    expect(first.items[0]).toEqual({
      id: ids[0],
      at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      actorId: expect.toBeOneOf([expect.any(String), null]),
      actorName: expect.toBeOneOf([expect.any(String), null]),
      actorEmail: expect.toBeOneOf([expect.any(String), null]),
      action: expect.any(String),
      targetType: expect.toBeOneOf([expect.any(String), null]),
      targetId: expect.toBeOneOf([expect.any(String), null]),
      // The object by its human name, and the parent its page hangs under, where it has them.
      targetName: expect.toBeOneOf([expect.any(String), null]),
      targetParentId: expect.toBeOneOf([expect.any(String), null]),
      ip: expect.toBeOneOf([expect.any(String), null]),
      details: expect.any(Object),
    });

    const roleChanges = (await asAdmin('GET', '/api/admin/audit?action=account.role-changed&limit=200')).json();
    expect(roleChanges.items.length).toBeGreaterThan(0);
    expect(roleChanges.items.every((e: { action: string }) => e.action === 'account.role-changed')).toBe(true);
    const byAdmin = (await asAdmin('GET', `/api/admin/audit?person=${admin.id}&limit=200`)).json();
    // Entries name the acting account, so the page can say who did it.
    const adminName = (await t.services.repositories.users.findById(admin.id))!.fullName;
    expect(byAdmin.items.every((e: { actorName: string }) => e.actorName === adminName)).toBe(true);
    expect(byAdmin.items.map((e: { id: number }) => e.id)).toEqual(
      all
        .filter((e) => e.actorId === admin.id)
        .map((e) => e.id)
        .sort((x, y) => y - x),
    );
  });

  it('holds every staff action of this file with the administrator as actor', async () => {
    const byAdmin = await t.database.db.select().from(auditLog).where(eq(auditLog.actorId, admin.id));
    const actions = new Set(byAdmin.map((e) => e.action));
    for (const action of ['sign-in', 'two-factor.enabled', 'account.created', 'account.role-changed'])
      expect(actions).toContain(action);
    const created = byAdmin.filter((e) => e.action === 'account.created');
    // Two accounts made through the API by this administrator: Günel, and the one race winner.
    expect(created.map((e) => (e.details as { email: string }).email).sort()).toEqual([
      'gunel.hasanova@example.az',
      'race.staff@example.az',
    ]);
  });
});
