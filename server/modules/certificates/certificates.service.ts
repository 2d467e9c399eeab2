import { randomInt } from 'node:crypto';
import type { Clock } from '../../clock';
import type { Category } from '../../../db/schema/index';
import type { Language } from '../../core/question';
import { NotFoundError } from '../../errors';
import { conflict } from '../../errors';
import type { LogEvent, LogService } from '../log/log.service';
import type { AnyNotice, Notify } from '../notices/notify';
import type { CertificatePdfInput } from './certificate-pdf';
import type { CertificateView, CertificateVerification } from './certificates.schemas';
import type { CertificatesRepository } from './certificates.repository';
import { certificateState } from './certificate-state';
import { coveredCategories } from './covered-categories';

/** Letters and digits that cannot be misread for one another on a printed certificate. */
const CODE_ALPHABET = 'ACDEFGHJKLMNPQRTUVWXY34679';

/** `CQ7H-4KXM-9TRW`: 12 characters, about 56 bits, so codes cannot be guessed from one another. */
function certificateCode(): string {
  const groups: string[] = [];
  for (let g = 0; g < 3; g++) {
    let group = '';
    for (let i = 0; i < 4; i++) group += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
    groups.push(group);
  }
  return groups.join('-');
}

const nameIn = (category: Category | undefined, language: Language, fallback: string) =>
  category?.name[language] ?? category?.name.az ?? fallback;

export function createCertificatesService(deps: {
  clock: Clock;
  validYears: number;
  repository: CertificatesRepository;
  log: Pick<LogService, 'append'>;
  /** The holder told of a certificate issued or revoked (issue 17). */
  notices: Pick<Notify, 'notifyMany'>;
}) {
  const { clock, validYears, repository, log, notices } = deps;
  let categoryCache: Category[] | undefined;

  async function categories(): Promise<Category[]> {
    return (categoryCache ??= await repository.categories());
  }

  function validUntil(issuedAt: Date): Date {
    const until = new Date(issuedAt);
    until.setUTCFullYear(until.getUTCFullYear() + validYears);
    return until;
  }

  /**
   * Brings the attempts' certificates in line with their results, inside the caller's transaction:
   * a pass without a certificate gets one (or has its revoked one reinstated), a valid certificate
   * whose attempt no longer passes is revoked. Each change is published in the log, in one append.
   */
  async function syncForAttempts(attemptIds: string[], now: Date): Promise<void> {
    const rows = await repository.attemptsForSync(attemptIds);
    const all = await categories();
    const events: LogEvent[] = [];
    const writes: ((receipt: { logIndex: number; leafHash: string }) => Promise<void>)[] = [];
    /** Each change's notice to the holder, told with the change's log index (an event's one identity). */
    const told: ((logIndex: number) => AnyNotice)[] = [];
    for (const row of rows) {
      const passes = row.status === 'submitted' && row.passed === true;
      const existing = row.certificate;
      const covers = coveredCategories(all, row.categoryCode).map((c) => c.code);
      if (passes && (!existing || existing.status === 'revoked')) {
        const code = existing?.code ?? certificateCode();
        const until = validUntil(now);
        events.push({
          type: 'certificate.issued',
          certificateCode: code,
          candidateCode: row.candidateCode,
          sittingCode: row.sittingCode,
          categoryCode: row.categoryCode,
          covers,
          issuedAt: now.toISOString(),
          validUntil: until.toISOString(),
          ...(existing ? { reinstated: true } : {}),
        });
        told.push((logIndex) => ({
          userId: row.userId,
          kind: 'certificate-issued',
          ref: String(logIndex),
          params: { certificateCode: code, categoryCode: row.categoryCode, validUntil: until.toISOString() },
        }));
        writes.push(async (receipt) => {
          const fields = { status: 'valid' as const, issuedAt: now, validUntil: until, ...receipt };
          if (existing) await repository.update(existing.id, { ...fields, revokedAt: null, revokeReason: null });
          else
            await repository.insert({
              code,
              attemptId: row.attemptId,
              userId: row.userId,
              categoryCode: row.categoryCode,
              ...fields,
            });
        });
      } else if (!passes && existing?.status === 'valid') {
        const reason = row.status === 'annulled' ? 'annulled' : 're-scoring';
        events.push({
          type: 'certificate.revoked',
          certificateCode: existing.code,
          candidateCode: row.candidateCode,
          sittingCode: row.sittingCode,
          reason,
          revokedAt: now.toISOString(),
        });
        told.push((logIndex) => ({
          userId: row.userId,
          kind: 'certificate-revoked',
          ref: String(logIndex),
          params: {
            certificateCode: existing.code,
            categoryCode: row.categoryCode,
            validUntil: existing.validUntil.toISOString(),
          },
        }));
        writes.push((receipt) =>
          repository.update(existing.id, { status: 'revoked', revokedAt: now, revokeReason: reason, ...receipt }),
        );
      }
    }
    const receipts = await log.append(events);
    for (const [i, write] of writes.entries()) {
      await write({ logIndex: receipts[i]!.logIndex, leafHash: receipts[i]!.leafHash });
    }
    await notices.notifyMany(told.map((notice, i) => notice(receipts[i]!.logIndex)));
  }

  async function coverage(categoryCode: string) {
    const all = await categories();
    return { own: all.find((c) => c.code === categoryCode), covers: coveredCategories(all, categoryCode) };
  }

  return {
    syncForAttempts,

    /** One attempt's certificate, issued or revoked to match its result (see `syncForAttempts`). */
    syncForAttempt(attemptId: string, now: Date): Promise<void> {
      return syncForAttempts([attemptId], now);
    },

    /** The caller's own certificates, newest first. */
    async listOwn(userId: string): Promise<CertificateView[]> {
      const rows = await repository.listOwn(userId);
      const now = clock();
      const all = await categories();
      return rows.map(({ certificate, sittingCode }) => {
        const own = all.find((c) => c.code === certificate.categoryCode);
        const state = certificateState(certificate, now);
        return {
          id: certificate.id,
          code: certificate.code,
          sittingCode,
          categoryCode: certificate.categoryCode,
          categoryName: own?.name ?? {},
          covers: coveredCategories(all, certificate.categoryCode).map((c) => c.code),
          issuedAt: certificate.issuedAt.toISOString(),
          validUntil: certificate.validUntil.toISOString(),
          status: state,
          valid: state === 'valid',
          revokedAt: certificate.revokedAt?.toISOString() ?? null,
          revokeReason: certificate.revokeReason,
          logIndex: certificate.logIndex,
          leafHash: certificate.leafHash,
        };
      });
    },

    /** What the PDF prints, for the holder only; a revoked certificate still prints, marked as such. */
    async pdf(userId: string, id: string, language: Language): Promise<CertificatePdfInput> {
      const row = await repository.findOwn(userId, id);
      if (!row) throw new NotFoundError('No such certificate.');
      const { certificate } = row;
      const { own, covers } = await coverage(certificate.categoryCode);
      if (!row.result) throw conflict('id', 'certificate.no_result', 'This certificate has no result behind it.');
      return {
        code: certificate.code,
        fullName: row.fullName,
        categoryCode: certificate.categoryCode,
        categoryName: nameIn(own, language, certificate.categoryCode),
        covers: covers.map((c) => `${c.code} — ${nameIn(c, language, c.code)}`),
        sittingCode: row.sittingCode,
        points: row.result.points,
        maxPoints: row.result.maxPoints,
        issuedAt: certificate.issuedAt,
        validUntil: certificate.validUntil,
        revoked: certificate.status === 'revoked',
      };
    },

    /** The public check behind the QR code: genuine, valid, and whose, by name only. */
    async verify(code: string): Promise<CertificateVerification> {
      const row = await repository.findByCode(code.toUpperCase());
      if (!row) throw new NotFoundError('No such certificate.');
      const { certificate } = row;
      const { own, covers } = await coverage(certificate.categoryCode);
      const state = certificateState(certificate, clock());
      return {
        code: certificate.code,
        fullName: row.fullName,
        categoryCode: certificate.categoryCode,
        categoryName: own?.name ?? {},
        covers: covers.map((c) => c.code),
        sittingCode: row.sittingCode,
        issuedAt: certificate.issuedAt.toISOString(),
        validUntil: certificate.validUntil.toISOString(),
        status: state,
        valid: state === 'valid',
        revokedAt: certificate.revokedAt?.toISOString() ?? null,
        logIndex: certificate.logIndex,
        leafHash: certificate.leafHash,
      };
    },
  };
}

export type CertificatesService = ReturnType<typeof createCertificatesService>;
