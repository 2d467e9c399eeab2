/**
 * Witnessing (issue 19): after each new checkpoint a background job asks every configured witness to cosign
 * it (C2SP tlog-witness), keeps the cosignatures that verify, and backs off from a witness that fails. The
 * served checkpoint is the newest one that has the quorum of cosignatures. Publishing never waits for any of
 * it: the job runs on its own timer, outside every publication's transaction.
 */
import type { Clock } from '../../clock';
import type { LogCheckpointRow, LogWitnessStatusRow } from '../../../db/schema/index';
import type { LogRepository } from './log.repository';
import type { LogService } from './log.service';
import { addCheckpoint, type AddCheckpointOutcome, type Witness } from './witness-client';
import type { WitnessRepository } from './witnesses.repository';

/** A witness that failed is asked again after 5 s, 10 s, 20 s … up to 10 minutes. */
const FIRST_RETRY_MS = 5_000;
const LAST_RETRY_MS = 10 * 60_000;
/** 409 answers followed in one round: enough for a witness that moved once meanwhile. */
const CONFLICTS_PER_ROUND = 3;

export interface WitnessView {
  name: string;
  verifierKey: string;
  /** The largest tree size this witness has cosigned for the log, and the time inside that cosignature. */
  cosignedSize: number | null;
  cosignedAt: string | null;
  lastAttemptAt: string | null;
  lastError: string | null;
  /** The demo's own witness, run inside this server: it shows how witnessing works and proves nothing. */
  demo: boolean;
}

export function createWitnessService(deps: {
  clock: Clock;
  repository: WitnessRepository;
  logRepository: LogRepository;
  log: LogService;
  witnesses: readonly Witness[];
  quorum: number;
  /**
   * Where the served checkpoints are read: the read replica when there is one, like the tiles they name, so a
   * client that reads a checkpoint finds every tile it needs (see createLogService's `reads`).
   */
  reads?: { repository: WitnessRepository; logRepository: LogRepository } | undefined;
  /** The client, replaceable in tests; the real one by default. */
  send?: typeof addCheckpoint | undefined;
}) {
  const { clock, repository, logRepository, log, witnesses, quorum } = deps;
  const send = deps.send ?? addCheckpoint;
  const keys = witnesses.map((w) => w.verifier.verifierKey);
  const reads = deps.reads ?? { repository, logRepository };

  async function withCosignatures(checkpoint: { size: number; note: string }): Promise<string> {
    const rows = await reads.repository.cosignatures(checkpoint.size, keys);
    return checkpoint.note + rows.map((r) => `${r.signatureLine}\n`).join('');
  }

  /** Asks one witness for the checkpoint, following its 409s; returns the final outcome. */
  async function ask(witness: Witness, checkpoint: LogCheckpointRow, knownSize: number): Promise<AddCheckpointOutcome> {
    let oldSize = knownSize > checkpoint.size ? 0 : knownSize;
    for (let round = 0; ; round++) {
      const proof =
        oldSize === 0 || oldSize === checkpoint.size
          ? []
          : (await log.consistency(oldSize, checkpoint.size)).proof.map(
              (p) => new Uint8Array(Buffer.from(p, 'base64')),
            );
      const outcome = await send(witness, { oldSize, proof, checkpoint: checkpoint.note });
      if (outcome.kind !== 'conflict' || round >= CONFLICTS_PER_ROUND) return outcome;
      if (outcome.size > checkpoint.size) {
        return {
          kind: 'refused',
          status: 409,
          message: `the witness has cosigned size ${outcome.size}, larger than this log's ${checkpoint.size}`,
        };
      }
      oldSize = outcome.size;
    }
  }

  async function witness(one: Witness, checkpoint: LogCheckpointRow, status: LogWitnessStatusRow | undefined) {
    const now = clock();
    if (status?.cosignedSize === checkpoint.size) return 0;
    if (status?.nextAttemptAt && status.nextAttemptAt > now) return 0;
    const outcome = await ask(one, checkpoint, status?.cosignedSize ?? 0);
    const base = { witness: one.verifier.verifierKey, lastAttemptAt: now };
    if (outcome.kind === 'cosigned') {
      const cosignedAt = new Date(Math.max(...outcome.cosignatures.map((c) => c.timestamp)) * 1000);
      await repository.insertCosignatures(
        outcome.cosignatures.map((c) => ({
          checkpointSize: checkpoint.size,
          witness: one.verifier.verifierKey,
          signatureLine: c.line,
          cosignedAt: new Date(c.timestamp * 1000),
          receivedAt: now,
        })),
      );
      await repository.saveStatus({
        ...base,
        cosignedSize: checkpoint.size,
        cosignedAt,
        lastError: null,
        failures: 0,
        nextAttemptAt: null,
      });
      return 1;
    }
    const failures = (status?.failures ?? 0) + 1;
    const wait = Math.min(LAST_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.min(failures - 1, 20));
    await repository.saveStatus({
      ...base,
      cosignedSize: status?.cosignedSize ?? null,
      cosignedAt: status?.cosignedAt ?? null,
      lastError:
        outcome.kind === 'unreachable'
          ? `unreachable: ${outcome.message}`
          : outcome.kind === 'refused'
            ? `HTTP ${outcome.status}: ${outcome.message}`
            : `HTTP 409: size ${outcome.size}`,
      failures,
      nextAttemptAt: new Date(now.getTime() + wait),
    });
    return 0;
  }

  return {
    quorum,
    configured: witnesses.length > 0,

    /**
     * One round of the background job: asks each witness that has not cosigned the newest checkpoint, all at
     * once, each on its own backoff. Returns how many new cosignatures it stored.
     */
    async run(): Promise<number> {
      if (witnesses.length === 0) return 0;
      const checkpoint = await logRepository.latestCheckpoint();
      if (!checkpoint) return 0;
      const statuses = new Map((await repository.statuses(keys)).map((s) => [s.witness, s] as const));
      const done = await Promise.all(
        witnesses.map((w) => witness(w, checkpoint, statuses.get(w.verifier.verifierKey))),
      );
      return done.reduce<number>((a, b) => a + b, 0);
    },

    /** The note served at /log/checkpoint: the newest checkpoint meeting the quorum, with its cosignatures. */
    async servedCheckpoint(): Promise<string | null> {
      const checkpoint =
        quorum === 0
          ? await reads.logRepository.latestCheckpoint()
          : await reads.repository.newestWithQuorum(keys, quorum);
      return checkpoint ? withCosignatures(checkpoint) : null;
    },

    /** A checkpoint with its note carrying the cosignatures it has, as /log/checkpoint.latest serves it. */
    async cosigned<T extends { size: number; note: string }>(checkpoint: T): Promise<T> {
      return { ...checkpoint, note: await withCosignatures(checkpoint) };
    },

    /** The note served at /log/checkpoint.latest: the newest checkpoint, with whatever cosignatures it has. */
    async latestCheckpoint(): Promise<string | null> {
      const checkpoint = await reads.logRepository.latestCheckpoint();
      return checkpoint ? withCosignatures(checkpoint) : null;
    },

    async statuses(): Promise<WitnessView[]> {
      const rows = new Map((await repository.statuses(keys)).map((s) => [s.witness, s] as const));
      return witnesses.map((w) => {
        const row = rows.get(w.verifier.verifierKey);
        return {
          name: w.verifier.name,
          verifierKey: w.verifier.verifierKey,
          cosignedSize: row?.cosignedSize ?? null,
          cosignedAt: row?.cosignedAt?.toISOString() ?? null,
          lastAttemptAt: row?.lastAttemptAt?.toISOString() ?? null,
          lastError: row?.lastError ?? null,
          demo: w.demo === true,
        };
      });
    },
  };
}

export type WitnessService = ReturnType<typeof createWitnessService>;
