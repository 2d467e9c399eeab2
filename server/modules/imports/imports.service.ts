import { randomBytes } from 'node:crypto';
import type { Db } from '../../../db/index';
import { uniqueViolation } from '../../../db/errors';
import { transaction } from '../../../db/transaction';
import type { Actor } from '../../actor';
import type { Clock } from '../../clock';
import type { NationalIdRegistry } from '../../core/national-id/index';
import { sittingPhase } from '../../core/sitting-time';
import { ConflictError } from '../../errors';
import { auditEvent, type AuditRepository } from '../audit/audit.repository';
import { hashPassword } from '../auth/password';
import { candidateCode } from '../bookings/bookings.service';
import { byLine, readTable, type ImportProblem } from './csv-table';
import {
  BOOKING_COLUMNS,
  bookingRows,
  CANDIDATE_COLUMNS,
  candidateRows,
  type BookingRow,
  type CandidateRow,
} from './import-rows';
import type { ImportsRepository } from './imports.repository';

/** The most rows one file may hold: a day's intake at a large centre, and a request the server reads in seconds. */
export const MAX_IMPORT_ROWS = 20_000;

export type ImportKind = 'candidates' | 'bookings';

/** An import's answer: on a dry run what would be added, after confirmation what was; or every problem and nothing added. */
export type ImportOutcome =
  | { ok: true; dryRun: boolean; rows: number; sittings?: { id: string; code: string; added: number }[] }
  | { ok: false; problems: ImportProblem[] };

/** Whole-file conflicts a concurrent change caused between the check and the insert (two imports at once). */
const RACED = new ConflictError([
  { field: 'content', code: 'import.raced', message: 'Another change got there first; check the file again.' },
]);

/**
 * Bulk import of applicants' accounts and of bookings from CSV, all or nothing, in the way the question
 * import works: every row is checked (its own cells, duplicates within the file, and against the database)
 * and the report lists every problem by line; only a file without any is written, in one transaction, and
 * audited. A dry run checks and writes nothing.
 */
export function createImportsService(deps: {
  db: Db;
  clock: Clock;
  repository: ImportsRepository;
  nationalIds: NationalIdRegistry;
  audit: AuditRepository;
}) {
  const { db, clock, repository, nationalIds, audit } = deps;

  /** What the database says about the candidates: national IDs and e-mails already held. */
  async function candidateConflicts(candidates: CandidateRow[]): Promise<ImportProblem[]> {
    const [holders, emails] = await Promise.all([
      repository.usersByNationalId(candidates.map((c) => c.nationalId)),
      repository.takenEmails(candidates.map((c) => c.email)),
    ]);
    return candidates.flatMap((c) => [
      ...(holders.has(`${c.nationalIdScheme}:${c.nationalId}`)
        ? [{ row: c.line, field: 'national_id', code: 'taken', message: 'An account with this national ID exists.' }]
        : []),
      ...(emails.has(c.email)
        ? [{ row: c.line, field: 'email', code: 'taken', message: 'An account with this e-mail exists.' }]
        : []),
    ]);
  }

  /**
   * Places each booking: the person must hold an applicant's account, the sitting must be open for booking,
   * the named room (or else the first with a free seat) must have room; seats are numbered from 1 as the
   * booking service numbers them. Returns the rows to insert, or the problems.
   */
  async function placeBookings(rows: BookingRow[], lock: boolean, now: Date) {
    const problems: ImportProblem[] = [];
    const [holders, found] = await Promise.all([
      repository.usersByNationalId(rows.map((r) => r.nationalId)),
      repository.sittingsByCode(
        rows.map((r) => r.sittingCode),
        lock,
      ),
    ]);
    const byCode = new Map(found.map((s) => [s.code, s]));
    const ids = found.map((s) => s.id);
    const [rooms, booked] = await Promise.all([repository.rooms(ids), repository.activeBookings(ids)]);
    const inserts: { sittingId: string; userId: string; roomId: string; seat: number }[] = [];
    for (const row of rows) {
      const person = holders.get(`${row.nationalIdScheme}:${row.nationalId}`);
      const sitting = byCode.get(row.sittingCode);
      const at = (field: string, code: string, message: string) =>
        problems.push({ row: row.line, field, code, message });
      if (!person || person.role !== 'applicant') at('national_id', 'unknown', 'No applicant has this national ID.');
      if (!sitting) at('sitting', 'unknown', `No sitting has the code ${row.sittingCode}.`);
      else if (sittingPhase(sitting, now) !== 'booking')
        at('sitting', 'booking.closed', 'The sitting is not open for booking.');
      if (!person || !sitting || person.role !== 'applicant' || sittingPhase(sitting, now) !== 'booking') continue;
      if (booked.has(`${sitting.id}:${person.id}`)) {
        at('national_id', 'booking.exists', 'This person already has a seat in this sitting.');
        continue;
      }
      const ofSitting = rooms.filter((r) => r.sittingId === sitting.id);
      const named = row.roomName === null ? null : ofSitting.find((r) => r.name === row.roomName);
      if (row.roomName !== null && !named) {
        at('room', 'unknown', `The sitting has no room named ${row.roomName}.`);
        continue;
      }
      const room = named ?? ofSitting.find((r) => r.taken.size < r.capacity);
      if (!room || room.taken.size >= room.capacity) {
        at(
          named ? 'room' : 'sitting',
          named ? 'room.full' : 'sitting.full',
          named ? 'The room has no seat left.' : 'The sitting has no seat left.',
        );
        continue;
      }
      let seat = 1;
      while (room.taken.has(seat)) seat++;
      room.taken.add(seat);
      booked.add(`${sitting.id}:${person.id}`);
      inserts.push({ sittingId: sitting.id, userId: person.id, roomId: room.id, seat });
    }
    const added = new Map<string, number>();
    for (const i of inserts) added.set(i.sittingId, (added.get(i.sittingId) ?? 0) + 1);
    const sittingsAdded = found
      .filter((s) => added.has(s.id))
      .map((s) => ({ id: s.id, code: s.code, added: added.get(s.id)! }));
    return { problems, inserts, sittingsAdded };
  }

  /** Runs the write, turning a unique index refusing a row that appeared meanwhile into a clear conflict. */
  async function written<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (uniqueViolation(error) !== null) throw RACED;
      throw error;
    }
  }

  return {
    async candidates(actor: Actor, content: string, dryRun: boolean): Promise<ImportOutcome> {
      const table = readTable(content, { ...CANDIDATE_COLUMNS, maxRows: MAX_IMPORT_ROWS });
      if (!table.ok) return table;
      const { candidates, problems } = candidateRows(table.rows, nationalIds);
      problems.push(...(await candidateConflicts(candidates)));
      if (problems.length) return { ok: false, problems: byLine(problems) };
      if (dryRun) return { ok: true, dryRun, rows: candidates.length };
      // One unguessable password for the whole file, hashed once, that nobody is told: each applicant sets
      // their own through the password reset link, and must change it were it ever used.
      const passwordHash = await hashPassword(randomBytes(32).toString('base64url'));
      const now = clock();
      return written(() =>
        transaction(db, async () => {
          const again = await candidateConflicts(candidates);
          if (again.length) return { ok: false as const, problems: byLine(again) };
          await repository.insertUsers(
            candidates.map((c) => ({
              nationalIdScheme: c.nationalIdScheme,
              nationalId: c.nationalId,
              fullName: c.fullName,
              email: c.email,
              passwordHash,
              role: 'applicant' as const,
              locale: c.language,
              mustChangePassword: true,
              createdAt: now,
              createdBy: actor.id,
            })),
          );
          await audit.append(
            { actorId: actor.id, action: 'candidates.imported', ip: actor.ip, details: { count: candidates.length } },
            now,
          );
          return { ok: true as const, dryRun, rows: candidates.length };
        }),
      );
    },

    async bookings(actor: Actor, content: string, dryRun: boolean): Promise<ImportOutcome> {
      const table = readTable(content, { ...BOOKING_COLUMNS, maxRows: MAX_IMPORT_ROWS });
      if (!table.ok) return table;
      const { bookings: rows, problems } = bookingRows(table.rows, nationalIds);
      if (dryRun || problems.length) {
        const placed = await placeBookings(rows, false, clock());
        const all = byLine([...problems, ...placed.problems]);
        if (all.length) return { ok: false, problems: all };
        return { ok: true, dryRun, rows: placed.inserts.length, sittings: placed.sittingsAdded };
      }
      const now = clock();
      return written(() =>
        transaction(db, async () => {
          // The sittings stay locked until commit, so seats counted here are the seats there are.
          const placed = await placeBookings(rows, true, now);
          if (placed.problems.length) return { ok: false as const, problems: byLine(placed.problems) };
          await repository.insertBookings(
            placed.inserts.map((b) => ({
              ...b,
              candidateCode: candidateCode(),
              ticketToken: randomBytes(18).toString('base64url'),
              createdAt: now,
            })),
          );
          for (const s of placed.sittingsAdded) {
            await audit.append(
              auditEvent(actor, 'bookings.imported', 'sitting', s.id, { count: s.added, code: s.code }),
              now,
            );
          }
          return { ok: true as const, dryRun, rows: placed.inserts.length, sittings: placed.sittingsAdded };
        }),
      );
    },
  };
}

export type ImportsService = ReturnType<typeof createImportsService>;
