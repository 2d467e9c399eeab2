import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { createDb } from '../../../db/index';
import { systemClock } from '../../../server/clock';
import { loadConfig } from '../../../server/config';
import { parseSignerKey } from '../../../server/core/signed-note';
import { hashPassword } from '../../../server/modules/auth/password';
import { hashSecret, randomToken } from '../../../server/modules/auth/session-token';
import { dimBlueprint, seedQuestionBank } from '../../../server/modules/demo/demo.bank';
import { generateLogSignerKey } from '../../../server/modules/log/log-key';
import { createServices } from '../../../server/services';
import type { BenchCandidate } from './protocol';

export const BENCH_PASSWORD = 'bench-candidate-2026';
const ROOM_SIZE = 250;
const BATCH = 1_000;
/** The same alphabet as real candidate codes (no look-alike letters). */
const CODE_ALPHABET = 'ACDEFGHJKLMNPQRTUVWXY34679';

function candidateCode(i: number): string {
  let code = '';
  for (let n = i; code.length < 8; n = Math.floor(n / CODE_ALPHABET.length))
    code = CODE_ALPHABET[n % CODE_ALPHABET.length] + code;
  return code;
}

export interface SeededSitting {
  sittingId: string;
  /** An earlier sitting of the same candidates, its results published: what the public reads on results day. */
  publishedSittingId: string;
  publishedSittingCode: string;
  adminId: string;
  candidates: BenchCandidate[];
  timings: { usersMs: number; bankMs: number; closeMs: number; publishMs: number };
}

/**
 * A sitting in status booking with `count` booked applicants, written straight into the database
 * (one Argon2 hash shared by all, so set-up is not hashing), over the demo's question bank and
 * DİM's blueprint; then booking is closed through the sittings service, which draws and stores
 * every paper as it does for real.
 */
export async function seedSitting(databaseUrl: string, count: number): Promise<SeededSitting> {
  const config = loadConfig({ NODE_ENV: 'test', DEMO: 'false', DATABASE_URL: databaseUrl });
  const handle = createDb({ databaseUrl, maxConnections: 4 });
  const sql = postgres(databaseUrl, { max: 2, onnotice: () => {} });
  const logSigner = parseSignerKey(generateLogSignerKey(config.log.origin));
  const services = createServices({ db: handle.db, config, clock: systemClock, logSigner });
  try {
    const passwordHash = await hashPassword(BENCH_PASSWORD);
    const staff = await sql<{ id: string; role: string }[]>`
      insert into users ${sql(
        [
          { full_name: 'Bench Administrator', email: 'admin@bench.imtahan.az', role: 'administrator' },
          { full_name: 'Bench Examiner One', email: 'examiner1@bench.imtahan.az', role: 'examiner' },
          { full_name: 'Bench Examiner Two', email: 'examiner2@bench.imtahan.az', role: 'examiner' },
        ].map((u) => ({ ...u, password_hash: passwordHash })),
      )} returning id, role`;
    const [admin, author, reviewer] = staff.map((s) => ({ id: s.id, ip: null }));

    let started = performance.now();
    await seedQuestionBank({
      questions: services.questions,
      blueprints: services.blueprints,
      author: author!,
      reviewer: reviewer!,
    });
    const [blueprint] = await sql<{ id: string }[]>`select id from blueprints where name = ${dimBlueprint().name}`;
    const [category] = await sql<{ code: string }[]>`
      select code from categories where parent_code is not null order by position limit 1`;
    const bankMs = performance.now() - started;

    // Far enough ahead to book; the benchmark moves the times to the real clock just before the start.
    const hour = 3_600_000;
    const now = Date.now();
    const at = (ms: number) => new Date(now + ms).toISOString();
    const rooms = Math.ceil(count / ROOM_SIZE);
    const sitting = await services.sittings.create(admin!, {
      code: `bench-${randomBytes(3).toString('hex')}`,
      categoryCode: category!.code,
      blueprintId: blueprint!.id,
      mode: 'centre',
      bookingClosesAt: at(hour),
      startsAt: at(2 * hour),
      entryClosesAt: at(3 * hour),
      endsAt: at(6 * hour),
      rooms: Array.from({ length: rooms }, (_, r) => ({ name: `Zal ${r + 1}`, capacity: ROOM_SIZE })),
    });
    await services.sittings.openBooking(admin!, sitting.id);
    const roomIds = sitting.rooms.map((r) => r.id);
    // The same candidates' earlier sitting, booked alike; its results are published below.
    const earlier = await services.sittings.create(admin!, {
      code: `bench-${randomBytes(3).toString('hex')}`,
      categoryCode: category!.code,
      blueprintId: blueprint!.id,
      mode: 'centre',
      bookingClosesAt: at(hour),
      startsAt: at(2 * hour),
      entryClosesAt: at(3 * hour),
      endsAt: at(6 * hour),
      rooms: Array.from({ length: rooms }, (_, r) => ({ name: `Zal ${r + 1}`, capacity: ROOM_SIZE })),
    });
    await services.sittings.openBooking(admin!, earlier.id);

    started = performance.now();
    const candidates: BenchCandidate[] = [];
    for (let from = 0; from < count; from += BATCH) {
      const batch = Array.from({ length: Math.min(BATCH, count - from) }, (_, j) => from + j);
      const users = await sql<{ id: string }[]>`
        insert into users ${sql(
          batch.map((i) => ({
            national_id_scheme: 'AZ_FIN',
            national_id: `B${i.toString(36).toUpperCase().padStart(6, '0')}`,
            full_name: `Namizəd ${i + 1}`,
            email: `candidate${i}@bench.imtahan.az`,
            password_hash: passwordHash,
            role: 'applicant',
          })),
        )} returning id`;
      const created = new Date();
      const bookings = await sql<{ id: string }[]>`
        insert into bookings ${sql(
          batch.map((i, j) => ({
            sitting_id: sitting.id,
            user_id: users[j]!.id,
            room_id: roomIds[Math.floor(i / ROOM_SIZE)]!,
            seat: (i % ROOM_SIZE) + 1,
            candidate_code: candidateCode(i),
            ticket_token: randomBytes(18).toString('base64url'),
            status: 'active',
            created_at: created,
          })),
        )} returning id`;
      await sql`
        insert into bookings ${sql(
          batch.map((i, j) => ({
            sitting_id: earlier.id,
            user_id: users[j]!.id,
            room_id: earlier.rooms[Math.floor(i / ROOM_SIZE)]!.id,
            seat: (i % ROOM_SIZE) + 1,
            candidate_code: candidateCode(count + i),
            ticket_token: randomBytes(18).toString('base64url'),
            status: 'active',
            created_at: created,
          })),
        )}`;
      // Signed in already, as if each had signed in before the sitting (the sign-in phase measures Argon2 apart).
      const tokens = batch.map(() => ({ id: randomToken(), secret: randomToken() }));
      await sql`
        insert into sessions ${sql(
          tokens.map((t, j) => ({
            id: t.id,
            secret_hash: Buffer.from(hashSecret(t.secret)),
            user_id: users[j]!.id,
            created_at: created,
            last_verified_at: created,
            // As sign-in makes an applicant's session: no second factor is asked of applicants.
            two_factor_verified: true,
          })),
        )}`;
      batch.forEach((i, j) =>
        candidates.push({
          email: `candidate${i}@bench.imtahan.az`,
          bookingId: bookings[j]!.id,
          publishedAttemptId: '',
          sessionToken: `${tokens[j]!.id}.${tokens[j]!.secret}`,
        }),
      );
    }
    const usersMs = performance.now() - started;

    started = performance.now();
    await services.sittings.closeBooking(admin!, sitting.id);
    const closeMs = performance.now() - started;

    // The earlier sitting: papers drawn, every candidate started and past the end, then published
    // through the service (which finalises and scores each attempt and logs each result).
    started = performance.now();
    await services.sittings.closeBooking(admin!, earlier.id);
    const ago = (ms: number) => new Date(Date.now() - ms);
    await sql`update sittings set booking_closes_at = ${ago(5 * hour)}, starts_at = ${ago(4 * hour)},
      entry_closes_at = ${ago(3.5 * hour)}, ends_at = ${ago(hour)} where id = ${earlier.id}`;
    await sql`update attempts set status = 'started', started_at = ${ago(4 * hour)}, deadline = ${ago(2 * hour)}
      where sitting_id = ${earlier.id}`;
    // The sweeper finalises them a few at a time (publication would one by one, in its transaction).
    await services.attempts.sweep();
    await services.results.publish(admin!, earlier.id);
    const publishMs = performance.now() - started;
    const earlierAttempts = await sql<{ booking_id: string; id: string; email: string }[]>`
      select a.booking_id, a.id, u.email from attempts a join users u on u.id = a.user_id
      where a.sitting_id = ${earlier.id}`;
    const earlierByEmail = new Map(earlierAttempts.map((a) => [a.email, a.id]));
    for (const c of candidates) c.publishedAttemptId = earlierByEmail.get(c.email)!;
    return {
      sittingId: sitting.id,
      publishedSittingId: earlier.id,
      publishedSittingCode: earlier.code,
      adminId: admin!.id,
      candidates,
      timings: { usersMs, bankMs, closeMs, publishMs },
    };
  } finally {
    await sql.end({ timeout: 5 });
    await handle.close();
  }
}

/**
 * Puts the sitting on the real clock: the start window opens at `startsAt`, entry closes a little
 * after the last planned start, and the sitting ends just after the submit window, so every
 * candidate submits in the last minute before the deadline.
 */
export async function scheduleSitting(
  databaseUrl: string,
  sittingId: string,
  times: { startsAt: Date; entryClosesAt: Date; endsAt: Date },
): Promise<void> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    await sql`update sittings set booking_closes_at = ${new Date(times.startsAt.getTime() - 60_000)},
      starts_at = ${times.startsAt}, entry_closes_at = ${times.entryClosesAt}, ends_at = ${times.endsAt}
      where id = ${sittingId}`;
  } finally {
    await sql.end({ timeout: 5 });
  }
}
