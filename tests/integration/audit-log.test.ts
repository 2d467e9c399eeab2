import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../db/schema/index';
import { AUDIT_ACTIONS } from '../../server/modules/audit/audit-actions';
import type { AuditListResponse } from '../../server/modules/audit/audit.schemas';
import { applicant, createSitting, sittingBody, staffMember, type Person } from '../factories/sittings';
import { signUpApplicant } from '../factories/users';
import { request, type TestApp } from '../helpers/app';
import { examSuite } from '../helpers/exam-suite';
import { itRefusesEveryChange } from './append-only';

let t: TestApp, admin: Person, blueprintId: string;
examSuite((suite) => ({ t, admin, blueprintId } = { ...suite, blueprintId: suite.bank.blueprintId }));
// Runs after the suite's set-up (hooks run in the order declared): rows of two kinds for the append-only checks.
beforeAll(async () => {
  await signUpApplicant(t);
  await t.services.repositories.audit.append(
    { actorId: null, action: 'audit.exported', details: { n: 1 } },
    t.clock.read(),
  );
});

const rows = () => t.database.db.select().from(auditLog).orderBy(auditLog.id);

describe('audit_log is append-only in the database itself', () => {
  itRefusesEveryChange(() => t, { rows, atLeast: 2, what: 'row' }, [
    ['UPDATE', sql`update audit_log set action = 'rewritten'`],
    ['UPDATE of one row', sql`update audit_log set details = '{}'::jsonb where id = (select min(id) from audit_log)`],
    ['DELETE', sql`delete from audit_log`],
    ['DELETE of one row', sql`delete from audit_log where id = (select max(id) from audit_log)`],
    ['TRUNCATE', sql`truncate audit_log`],
  ]);

  it('still accepts new entries', async () => {
    const before = (await rows()).length;
    await t.database.db.execute(sql`insert into audit_log (at, action) values (now(), 'test.appended')`);
    expect(await rows()).toHaveLength(before + 1);
  });
});

const list = (who: Person, query: string) =>
  request(t.app, { method: 'GET', url: `/api/admin/audit?${query}`, cookie: who.cookie });
async function page(query: string): Promise<AuditListResponse> {
  const response = await list(admin, query);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<AuditListResponse>();
}

describe('searching the audit log', () => {
  let clerk: Person;
  let sittingId: string;
  let sittingCode: string;
  beforeAll(async () => {
    clerk = await staffMember(t, 'administrator');
    await t.database.db.execute(
      sql`update users set full_name = 'Ləman Qurbanova', email = 'leman.audit@example.az' where id = ${clerk.id}`,
    );
    const sitting = await createSitting(t, clerk, sittingBody(t, blueprintId));
    sittingId = sitting.id;
    sittingCode = sitting.code;
    const audit = t.services.repositories.audit;
    // Three days of one person's work, on the days either side of midnight in Baku (UTC+4).
    await audit.append(
      {
        actorId: clerk.id,
        action: 'attempt.extended',
        targetType: 'sitting',
        targetId: sittingId,
        details: { minutes: 15, reason: 'Elektrik kəsildi' },
      },
      new Date('2026-03-01T19:59:00Z'), // 23:59 on 1 March in Baku
    );
    await audit.append(
      {
        actorId: clerk.id,
        action: 'attempt.annulled',
        targetType: 'user',
        targetId: admin.id,
        details: { reason: 'Telefon' },
      },
      new Date('2026-03-01T20:00:00Z'), // 00:00 on 2 March in Baku
    );
    await audit.append({ actorId: clerk.id, action: 'sign-out' }, new Date('2026-03-03T08:00:00Z'));
  });

  it('offers every action and kind of object the server writes', async () => {
    const body = await page('limit=1');
    expect(body.actions).toEqual([...AUDIT_ACTIONS]);
    expect(body.targetTypes).toContain('sitting');
  });

  it('finds by person: part of the name, part of the e-mail, or the account id', async () => {
    for (const person of ['qurbanova', 'LEMAN.AUDIT@', clerk.id]) {
      const body = await page(`person=${encodeURIComponent(person)}`);
      expect(body.items.length, person).toBeGreaterThanOrEqual(4); // sitting.created and the three above
      expect(new Set(body.items.map((e) => e.actorId)), person).toEqual(new Set([clerk.id]));
      expect(body.items[0]!.actorName).toBe('Ləman Qurbanova');
      expect(body.items[0]!.actorEmail).toBe('leman.audit@example.az');
    }
    expect((await page('person=nobody-by-this-name')).items).toEqual([]);
  });

  it('names the object and keeps reasons and minutes readable', async () => {
    const body = await page(`person=${clerk.id}&action=attempt.extended`);
    expect(body.items).toHaveLength(1);
    expect(body.items[0]).toMatchObject({
      targetType: 'sitting',
      targetId: sittingId,
      targetName: sittingCode,
      details: { minutes: 15, reason: 'Elektrik kəsildi' },
    });
    const annulled = await page(`person=${clerk.id}&action=attempt.annulled`);
    expect(annulled.items[0]!.targetName).toBe(admin.fullName);
  });

  it('finds by object: its id, or its name within a kind', async () => {
    const byId = await page(`target=${sittingId}`);
    expect(byId.items.map((e) => e.action).sort()).toEqual(['attempt.extended', 'sitting.created']);
    const byName = await page(`targetType=sitting&target=${encodeURIComponent(sittingCode)}`);
    expect(byName.items.map((e) => e.targetId)).toEqual([sittingId, sittingId]);
    const anyKind = await page(`target=${encodeURIComponent(sittingCode)}`);
    expect(anyKind.items.map((e) => e.targetId)).toEqual([sittingId, sittingId]);
    expect((await page(`targetType=user&target=${encodeURIComponent(sittingCode)}`)).items).toEqual([]);
  });

  it('finds by date range in Baku days, both ends included', async () => {
    const day = async (from: string, to: string) =>
      (await page(`person=${clerk.id}&from=${from}&to=${to}`)).items.map((e) => e.action);
    expect(await day('2026-03-01', '2026-03-01')).toEqual(['attempt.extended']);
    expect(await day('2026-03-02', '2026-03-02')).toEqual(['attempt.annulled']);
    expect(await day('2026-03-01', '2026-03-03')).toEqual(['sign-out', 'attempt.annulled', 'attempt.extended']);
    expect(await day('2026-03-04', '2026-03-04')).toEqual([]);
  });

  it('refuses a bad search with 400 naming the field, for the page and the export alike', async () => {
    const cases: [string, string, string][] = [
      ['from=2026-03-05&to=2026-03-04', 'to', 'date.before_from'],
      ['from=2026-13-01', 'from', 'format'],
      ['to=yesterday', 'to', 'format'],
      ['action=made.up', 'action', 'enum'],
      ['targetType=planet', 'targetType', 'enum'],
      ['person=' + 'x'.repeat(201), 'person', 'maxLength'],
      ['target=', 'target', 'minLength'],
      ['lang=fr', 'lang', 'anyOf'],
    ];
    for (const [query, field, code] of cases) {
      for (const url of [`/api/admin/audit?${query}`, `/api/admin/audit.csv?${query}`]) {
        const response = await request(t.app, { method: 'GET', url, cookie: admin.cookie });
        expect(response.statusCode, `${url}: ${response.body}`).toBe(400);
        const error = response.json<{ error: { code: string; fields: { field: string; code: string }[] } }>().error;
        expect(error.code).toBe('VALIDATION_FAILED');
        expect(
          error.fields.map((f) => f.field),
          url,
        ).toContain(field);
        if (field !== 'lang') expect(error.fields.find((f) => f.field === field)?.code, url).toBe(code);
      }
    }
    const both = await list(admin, 'before=10&after=5');
    expect(both.statusCode).toBe(400);
    expect(both.json<{ error: { fields: { field: string }[] } }>().error.fields[0]!.field).toBe('after');
  });

  it('is for administrators only', async () => {
    const examiner = await staffMember(t, 'examiner');
    const candidate = await applicant(t);
    for (const who of [examiner, candidate]) {
      for (const url of ['/api/admin/audit', '/api/admin/audit.csv']) {
        const response = await request(t.app, { method: 'GET', url, cookie: who.cookie });
        expect(response.statusCode, url).toBe(403);
      }
    }
  });
});

describe('paging and exporting a realistic log', () => {
  const ROWS = 20_000;
  let exporter: Person;
  beforeAll(async () => {
    exporter = await staffMember(t, 'administrator');
    await t.database.db.execute(sql`
      insert into audit_log (at, actor_id, action, target_type, target_id, details)
      select now() - (n || ' seconds')::interval, ${exporter.id}::uuid,
             case when n % 3 = 0 then 'sitting.extended' else 'sign-in' end,
             'user', ${exporter.id}, jsonb_build_object('n', n, 'reason', 'Səbəb, "dırnaqla"')
      from generate_series(1, ${ROWS}) as n`);
  });

  it('pages by keyset, older and newer, without gaps or repeats', async () => {
    const seen: number[] = [];
    const query = `person=${exporter.id}&action=sitting.extended&limit=200`;
    let body = await page(query);
    expect(body.previousCursor).toBeNull();
    const first = body;
    for (;;) {
      seen.push(...body.items.map((e) => e.id));
      if (body.nextCursor === null) break;
      body = await page(`${query}&before=${body.nextCursor}`);
    }
    const expected = Math.floor(ROWS / 3);
    expect(seen).toHaveLength(expected);
    expect(new Set(seen).size).toBe(expected);
    expect(seen).toEqual([...seen].sort((a, b) => b - a));
    // And back towards the newest: the page before the second is the first.
    const second = await page(`${query}&before=${first.nextCursor}`);
    const back = await page(`${query}&after=${second.previousCursor}`);
    expect(back.items.map((e) => e.id)).toEqual(first.items.map((e) => e.id));
    expect(back.previousCursor).toBeNull();
    expect(back.nextCursor).toBe(first.nextCursor);
  });

  it(`exports ${ROWS.toLocaleString('en')} filtered rows as CSV, streamed, and audits the export`, async () => {
    const started = performance.now();
    const response = await request(t.app, {
      method: 'GET',
      url: `/api/admin/audit.csv?person=${exporter.id}&lang=en`,
      cookie: exporter.cookie,
    });
    const ms = performance.now() - started;
    expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.headers['content-disposition']).toMatch(/attachment/);
    const rows = parse(response.body, { bom: true, columns: true }) as Record<string, string>[];
    // The export's own entry is written before the first row is read, so it is the newest row.
    expect(rows).toHaveLength(ROWS + 1);
    expect(rows[0]).toMatchObject({ action: 'audit.exported', actorId: exporter.id });
    expect(JSON.parse(rows[0]!.details!)).toEqual({ person: exporter.id, lang: 'en' });
    const sample = rows[1]!;
    expect(sample).toMatchObject({ actorName: exporter.fullName, targetType: 'user', targetName: exporter.fullName });
    // Newest first by id: the last row inserted comes first.
    expect(JSON.parse(sample.details!)).toMatchObject({ n: ROWS, reason: 'Səbəb, "dırnaqla"' });
    const ids = rows.map((r) => Number(r.id));
    expect(new Set(ids).size).toBe(ids.length);
    console.info(`audit CSV export: ${rows.length} rows in ${Math.round(ms)} ms (${t.database.kind})`);
  });
});
