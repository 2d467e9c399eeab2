import { eq } from 'drizzle-orm';
import { transaction } from '../../db/transaction';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attempts, certificates } from '../../db/schema/index';
import { loadConfig } from '../../server/config';
import { createCertificatesRepository } from '../../server/modules/certificates/certificates.repository';
import { createCertificatesService } from '../../server/modules/certificates/certificates.service';
import { coveredCategories } from '../../server/modules/certificates/covered-categories';
import { CERTIFICATE_TEXT } from '../../server/modules/certificates/certificate-text';
import type { CertificateVerification, CertificateView } from '../../server/modules/certificates/certificates.schemas';
import {
  finishedSitting,
  publishResults,
  signedInAgain,
  verifiedEntry,
  type FinishedSitting,
} from '../factories/results';
import { EXAM_ENV, examBank, staffMember, type ExamBank, type Person, type ResultView } from '../factories/sittings';
import { createTestApp, request, type TestApp } from '../helpers/app';
import { expectNotFound, expectOkJson, MINUTE } from '../helpers/exam';
import { readPdf } from '../helpers/pdf';

let t: TestApp;
let admin: Person;
let bank: ExamBank;
/** Two passes (4 and 3 right) and a fail (2 right) in subgroup AB, published. */
let ab: FinishedSitting;

beforeAll(async () => {
  t = await createTestApp({ ...EXAM_ENV, PUBLIC_URL: 'https://imtahan.example.az' });
  admin = await staffMember(t, 'administrator');
  bank = await examBank(t);
  ab = await finishedSitting(t, admin, bank, [{ correct: 4 }, { correct: 3 }, { correct: 2 }], { categoryCode: 'AB' });
  await publishResults(t, admin, ab.sitting.id);
});
afterAll(() => t.close());

const own = (who: Person) => expectOkJson<CertificateView[]>(t, who, '/api/certificates');
const verify = (code: string) => request(t.app, { method: 'GET', url: `/api/certificates/verify/${code}` });
const resultOf = async (who: Person, attemptId: string) =>
  (
    await request(t.app, { method: 'GET', url: `/api/attempts/${attemptId}/result`, cookie: who.cookie })
  ).json<ResultView>();
const row = async (attemptId: string) =>
  (await t.database.db.select().from(certificates).where(eq(certificates.attemptId, attemptId)))[0];

/** As a re-scoring (or an annulment) leaves an attempt, then the certificate follows it. */
async function setOutcome(attemptId: string, set: { passed?: boolean; status?: 'submitted' | 'annulled' }) {
  await t.database.db.update(attempts).set(set).where(eq(attempts.id, attemptId));
  await transaction(t.database.db, () => t.services.certificates.syncForAttempt(attemptId, t.clock.read()));
}

describe('issuing certificates', () => {
  it('gives each pass one certificate for its subgroup and those below it, valid for 5 years', async () => {
    const [first, second, failed] = ab.candidates;
    const [mine] = await own(first!);
    expect(mine).toMatchObject({
      code: expect.stringMatching(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/),
      sittingCode: ab.sitting.code,
      categoryCode: 'AB',
      covers: ['AB', 'AC'],
      status: 'valid',
      valid: true,
      revokedAt: null,
    });
    const issued = new Date(mine!.issuedAt);
    const until = new Date(mine!.validUntil);
    expect(issued.getTime()).toBe(t.clock.read().getTime());
    expect(until.getUTCFullYear() - issued.getUTCFullYear()).toBe(5);
    expect([until.getUTCMonth(), until.getUTCDate(), until.getUTCHours()]).toEqual([
      issued.getUTCMonth(),
      issued.getUTCDate(),
      issued.getUTCHours(),
    ]);
    expect(await verifiedEntry(t, { logIndex: mine!.logIndex!, leafHash: mine!.leafHash! })).toMatchObject({
      type: 'certificate.issued',
      certificateCode: mine!.code,
      candidateCode: first!.booking.candidateCode,
      sittingCode: ab.sitting.code,
      categoryCode: 'AB',
      covers: ['AB', 'AC'],
      validUntil: mine!.validUntil,
    });
    expect(await own(second!)).toHaveLength(1);
    expect(await own(failed!)).toEqual([]);
    expect((await resultOf(first!, first!.attemptId)).certificateId).toBe(mine!.id);
  });

  it('covers the subgroup and those ranked below it in the same group only', async () => {
    const all = await t.services.sittings.categories();
    const table = await createCertificatesRepository(t.database.db).categories();
    expect(all.length).toBe(table.length);
    const covers = (code: string) => coveredCategories(table, code).map((c) => c.code);
    expect(covers('AA')).toEqual(['AA', 'AB', 'AC']);
    expect(covers('AB')).toEqual(['AB', 'AC']);
    expect(covers('AC')).toEqual(['AC']);
    expect(covers('BA')).toEqual(['BA', 'BB']);
    expect(covers('BB')).toEqual(['BB']);
  });

  it('lasts as long as CERTIFICATE_VALID_YEARS says', async () => {
    expect(loadConfig({}).certificates.validYears).toBe(5);
    expect(loadConfig({ CERTIFICATE_VALID_YEARS: '2' }).certificates.validYears).toBe(2);
    expect(() => loadConfig({ CERTIFICATE_VALID_YEARS: '0' })).toThrow(/CERTIFICATE_VALID_YEARS/);
    const twoYears = createCertificatesService({
      clock: t.clock.read,
      validYears: 2,
      repository: createCertificatesRepository(t.database.db),
      log: t.services.log,
      notices: t.services.notices,
    });
    const { candidates } = await finishedSitting(t, admin, bank, [{ correct: 4 }], { categoryCode: 'BA' });
    admin = await signedInAgain(t, admin);
    const attemptId = candidates[0]!.attemptId;
    await transaction(t.database.db, () => twoYears.syncForAttempt(attemptId, t.clock.read()));
    const certificate = (await row(attemptId))!;
    expect(certificate.validUntil.getUTCFullYear() - certificate.issuedAt.getUTCFullYear()).toBe(2);
    expect((await own(candidates[0]!))[0]).toMatchObject({ categoryCode: 'BA', covers: ['BA', 'BB'] });
  });
});

describe('the public verification', () => {
  it('says whether a certificate is genuine and valid, with the holder’s name and nothing else personal', async () => {
    const holder = ab.candidates[0]!;
    const [mine] = await own(holder);
    const response = await verify(mine!.code);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json<CertificateVerification>();
    expect(body).toMatchObject({
      code: mine!.code,
      fullName: holder.fullName,
      categoryCode: 'AB',
      covers: ['AB', 'AC'],
      status: 'valid',
      valid: true,
      logIndex: mine!.logIndex,
      leafHash: mine!.leafHash,
    });
    expect(Object.keys(body).sort()).toEqual(
      [
        'code',
        'fullName',
        'categoryCode',
        'categoryName',
        'covers',
        'sittingCode',
        'issuedAt',
        'validUntil',
        'status',
        'valid',
        'revokedAt',
        'logIndex',
        'leafHash',
      ].sort(),
    );
    expect(response.body).not.toContain(holder.nationalId!);
    expect(response.body).not.toContain(holder.email);
    expect(response.body).not.toContain(holder.id);
    expect(response.body).not.toContain(holder.booking.candidateCode);
    // Typed in lower case, as someone might from the paper.
    expect((await verify(mine!.code.toLowerCase())).json<CertificateVerification>().code).toBe(mine!.code);
  });

  it('knows no certificate it never issued', async () => {
    expectNotFound(await verify('ACDE-FGHJ-KLMN'));
  });
});

describe('revocation and reinstatement, following the result', () => {
  it('revokes a certificate whose attempt no longer passes, and reinstates it when it passes again', async () => {
    const holder = ab.candidates[1]!;
    const before = (await row(holder.attemptId))!;
    await setOutcome(holder.attemptId, { passed: false });
    const revoked = (await row(holder.attemptId))!;
    expect(revoked).toMatchObject({ status: 'revoked', revokeReason: 're-scoring', code: before.code });
    expect(revoked.logIndex).toBeGreaterThan(before.logIndex!);
    expect(await verifiedEntry(t, { logIndex: revoked.logIndex!, leafHash: revoked.leafHash! })).toMatchObject({
      type: 'certificate.revoked',
      certificateCode: before.code,
      reason: 're-scoring',
    });
    expect((await verify(before.code)).json<CertificateVerification>()).toMatchObject({
      status: 'revoked',
      valid: false,
    });
    expect((await own(holder))[0]).toMatchObject({ status: 'revoked', valid: false, revokeReason: 're-scoring' });
    expect((await resultOf(holder, holder.attemptId)).certificateId).toBeNull();

    // Syncing again changes nothing: no second revocation is logged.
    const size = (await t.services.log.latestCheckpoint())!.size;
    await setOutcome(holder.attemptId, { passed: false });
    expect((await t.services.log.latestCheckpoint())!.size).toBe(size);

    await setOutcome(holder.attemptId, { passed: true });
    const reinstated = (await row(holder.attemptId))!;
    expect(reinstated).toMatchObject({ status: 'valid', revokedAt: null, revokeReason: null, code: before.code });
    expect(await verifiedEntry(t, { logIndex: reinstated.logIndex!, leafHash: reinstated.leafHash! })).toMatchObject({
      type: 'certificate.issued',
      certificateCode: before.code,
      reinstated: true,
    });
    expect(
      (await t.database.db.select().from(certificates).where(eq(certificates.attemptId, holder.attemptId))).length,
    ).toBe(1);
  });

  it('revokes the certificate of an attempt annulled after publication', async () => {
    const holder = ab.candidates[1]!;
    await setOutcome(holder.attemptId, { status: 'annulled' });
    expect(await row(holder.attemptId)).toMatchObject({ status: 'revoked', revokeReason: 'annulled' });
    await setOutcome(holder.attemptId, { status: 'submitted' });
    expect(await row(holder.attemptId)).toMatchObject({ status: 'valid' });
  });
});

describe('the certificate PDF', () => {
  it('prints the holder’s certificate in Azerbaijani and Russian with a QR code of the verification page', async () => {
    const holder = ab.candidates[0]!;
    const [mine] = await own(holder);
    const az = await request(t.app, {
      method: 'GET',
      url: `/api/certificates/${mine!.id}/pdf`,
      cookie: holder.cookie,
      // The printed address is PUBLIC_URL's, whatever Host the request names.
      headers: { host: 'evil.example' },
    });
    expect(az.statusCode, az.body).toBe(200);
    expect(az.headers['content-type']).toBe('application/pdf');
    expect(az.headers['cache-control']).toBe('no-store');
    const read = readPdf(az.rawPayload);
    expect(read.pages).toBe(1);
    const url = `https://imtahan.example.az/certificates/${mine!.code}`;
    expect(read.qr).toBe(url);
    for (const text of [
      CERTIFICATE_TEXT.az.title,
      CERTIFICATE_TEXT.az.statement,
      CERTIFICATE_TEXT.az.validUntil,
      holder.fullName,
      mine!.code,
      'AB — AB altqrupu',
      'AB — AB altqrupu; AC — AC altqrupu',
      url,
    ])
      expect(read.text).toContain(text);
    expect(read.text).not.toContain(holder.nationalId!);
    expect(read.text).not.toContain('evil.example');

    const ru = await request(t.app, {
      method: 'GET',
      url: `/api/certificates/${mine!.id}/pdf?lang=ru`,
      cookie: holder.cookie,
    });
    expect(ru.statusCode).toBe(200);
    const russian = readPdf(ru.rawPayload);
    for (const text of [
      CERTIFICATE_TEXT.ru.title,
      CERTIFICATE_TEXT.ru.statement,
      CERTIFICATE_TEXT.ru.holder,
      'AB — Подгруппа AB; AC — Подгруппа AC',
      holder.fullName,
    ])
      expect(russian.text).toContain(text);
    expect(russian.qr).toBe(url);
  });

  it('is the holder’s only', async () => {
    const [mine] = await own(ab.candidates[0]!);
    expectNotFound(
      await request(t.app, {
        method: 'GET',
        url: `/api/certificates/${mine!.id}/pdf`,
        cookie: ab.candidates[1]!.cookie,
      }),
    );
  });
});

describe('expiry', () => {
  it('is no longer valid after its validity ends', async () => {
    const [mine] = await own(ab.candidates[0]!);
    t.clock.set(new Date(new Date(mine!.validUntil).getTime() - MINUTE));
    expect((await verify(mine!.code)).json<CertificateVerification>()).toMatchObject({ status: 'valid', valid: true });
    t.clock.set(mine!.validUntil);
    expect((await verify(mine!.code)).json<CertificateVerification>()).toMatchObject({
      status: 'expired',
      valid: false,
    });
  });
});
