import { eq } from 'drizzle-orm';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { outboxMails } from '../../db/schema/index';
import { transaction } from '../../db/transaction';
import { createOutboxRepository } from '../../server/modules/mail/outbox.repository';
import type { MailTransport } from '../../server/modules/mail/transport';
import { signInStaff, signUpApplicant, type SignedIn } from '../factories/users';
import { request, type TestApp } from '../helpers/app';
import { mailSuite } from '../helpers/mail-suite';
import type { TestSmtp } from '../helpers/smtp';

let t: TestApp, smtp: TestSmtp, transport: MailTransport;
let admin: SignedIn;
mailSuite({ MAIL_FROM: 'Centre <centre@example.az>' }, (suite) => ({ t, smtp, transport } = suite));
beforeAll(async () => {
  admin = await signInStaff(t, 'administrator');
});
beforeEach(async () => {
  // Each test reads only its own mails: earlier ones are sent and forgotten.
  await t.services.outbox.sendDue(transport);
  smtp.received.length = 0;
  smtp.refuse(false);
});

const resetMail = (to: string, locale: 'az' | 'ru' | 'en') => ({
  to,
  locale,
  template: 'password-reset' as const,
  values: { fullName: 'Leyla Məmmədova', link: `https://imtahan.example/reset-password/${to}`, minutes: 60 },
});
const rowOf = async (id: string) => (await t.database.db.select().from(outboxMails).where(eq(outboxMails.id, id)))[0]!;

describe('the outbox', () => {
  it('keeps a mail only if the transaction that wrote it commits', async () => {
    await expect(
      transaction(t.database.db, async () => {
        await t.services.outbox.enqueue(resetMail('rolled-back@example.az', 'en'));
        throw new Error('the action failed');
      }),
    ).rejects.toThrow('the action failed');
    const kept = await transaction(t.database.db, () => t.services.outbox.enqueue(resetMail('kept@example.az', 'en')));

    expect(await t.services.outbox.sendDue(transport)).toEqual({ sent: 1, failed: 0 });
    expect(smtp.received.map((m) => m.to)).toEqual([['kept@example.az']]);
    expect((await rowOf(kept.id)).sentAt).not.toBeNull();
  });

  it('sends each mail in its recipient language, from MAIL_FROM, and blanks a secret body once sent', async () => {
    const written = [];
    for (const locale of ['az', 'ru', 'en'] as const) {
      written.push(await t.services.outbox.enqueue(resetMail(`${locale}@example.az`, locale)));
    }
    await t.services.outbox.sendDue(transport);

    const byAddress = Object.fromEntries(smtp.received.map((m) => [m.to[0], m]));
    expect(byAddress['az@example.az']).toMatchObject({
      subject: 'Şifrənin bərpası',
      from: '"Centre" <centre@example.az>',
    });
    expect(byAddress['ru@example.az']!.subject).toBe('Восстановление пароля');
    expect(byAddress['en@example.az']!.subject).toBe('Resetting your password');
    expect(byAddress['az@example.az']!.text).toContain('Hörmətli Leyla Məmmədova');
    expect(byAddress['ru@example.az']!.text).toContain('https://imtahan.example/reset-password/ru@example.az');
    for (const { id } of written) {
      expect(await rowOf(id)).toMatchObject({ body: '', nextAttemptAt: null, attempts: 1 });
    }
  });

  it('retries a refused mail with a growing delay, and sends it once the server takes it', async () => {
    const { id } = await t.services.outbox.enqueue(resetMail('retry@example.az', 'az'));
    smtp.refuse(true);
    expect(await t.services.outbox.sendDue(transport)).toEqual({ sent: 0, failed: 1 });
    const failed = await rowOf(id);
    expect(failed).toMatchObject({ sentAt: null, attempts: 1 });
    expect(failed.lastError).toMatch(/451/);
    expect(failed.nextAttemptAt!.getTime() - t.clock.read().getTime()).toBe(60_000);

    // Not due yet: nothing is tried.
    smtp.refuse(false);
    expect(await t.services.outbox.sendDue(transport)).toEqual({ sent: 0, failed: 0 });
    t.clock.advance(60_000);
    expect(await t.services.outbox.sendDue(transport)).toEqual({ sent: 1, failed: 0 });
    expect(smtp.received).toHaveLength(1);
    expect(await rowOf(id)).toMatchObject({ attempts: 2, lastError: null });
  });

  it('sends every mail once when two senders run at the same time', async () => {
    for (let i = 0; i < 12; i++) await t.services.outbox.enqueue(resetMail(`race${i}@example.az`, 'en'));
    const results = await Promise.all([t.services.outbox.sendDue(transport), t.services.outbox.sendDue(transport)]);
    expect(results.reduce((sum, r) => sum + r.sent, 0)).toBe(12);
    expect(smtp.received.map((m) => m.to[0]).sort()).toEqual(
      Array.from({ length: 12 }, (_, i) => `race${i}@example.az`).sort(),
    );
  });
});

describe('the order of sending', () => {
  it('sends a reset link ahead of an older backlog of notices', async () => {
    // A roster's worth of notices written first, then a reset link someone waits for at the screen.
    for (let i = 0; i < 5; i++)
      await t.services.outbox.enqueue({
        to: `roster${i}@example.az`,
        locale: 'az',
        template: 'sitting-changed',
        values: {
          fullName: 'Leyla Məmmədova',
          sittingCode: 'DQ-1',
          kind: 'cancelled',
          previousStartsAt: '2026-12-10T05:00:00.000Z',
          nextStartsAt: null,
          reason: 'Bina təmirdədir',
          link: 'https://imtahan.example/bookings',
        },
      });
    await t.services.outbox.enqueue(resetMail('waiting@example.az', 'az'));
    const now = new Date(Date.now() + 60_000);
    const [first] = await createOutboxRepository(t.database.db).claimDue(now, new Date(now.getTime() + 60_000), 1);
    expect(first?.toAddress).toBe('waiting@example.az');
  });
});

describe('the outbox page', () => {
  it('shows administrators the mails, newest first, a page at a time', async () => {
    for (const n of [1, 2, 3]) {
      t.clock.advance(1000);
      await t.services.outbox.enqueue(resetMail(`page${n}@example.az`, 'ru'));
    }
    const response = await request(t.app, { method: 'GET', url: '/api/admin/outbox?limit=2', cookie: admin.cookie });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.delivering).toBe(true);
    expect(body.items.map((m: { to: string }) => m.to)).toEqual(['page3@example.az', 'page2@example.az']);
    expect(body.items[0]).toMatchObject({ status: 'pending', template: 'password-reset', locale: 'ru' });
    const second = await request(t.app, {
      method: 'GET',
      url: '/api/admin/outbox?limit=2&page=2',
      cookie: admin.cookie,
    });
    expect(second.json().items[0].to).toBe('page1@example.az');
  });

  it('is for administrators only, and refuses a bad page naming the field', async () => {
    const applicant = await signUpApplicant(t);
    const refused = await request(t.app, { method: 'GET', url: '/api/admin/outbox', cookie: applicant.cookie });
    expect(refused.statusCode).toBe(403);
    const bad = await request(t.app, { method: 'GET', url: '/api/admin/outbox?page=0', cookie: admin.cookie });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].field).toBe('page');
  });
});
