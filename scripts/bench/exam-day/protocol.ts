/** Messages between the exam-day benchmark and its load-generating worker processes. */

export interface BenchCandidate {
  email: string;
  bookingId: string;
  /** The candidate's attempt in the earlier, published sitting: their result page on results day. */
  publishedAttemptId: string;
  /** A session made for the candidate at seeding (`<id>.<secret>`), so the exam needs no 5,000 Argon2 sign-ins first. */
  sessionToken: string;
}

/** A named stretch of the run's wall-clock time (epoch ms); saves are reported by the stretch they were sent in. */
export interface Phase {
  name: string;
  from: number;
  to: number;
}

export interface ExamPlan {
  /** Epoch ms: the start burst begins; every candidate presses Start at a random moment in the window. */
  startAt: number;
  startWindowMs: number;
  /** Epoch ms: autosaves run from `saveFrom` until `submitAt`, open loop at `saveRate` per second (this worker's share). */
  saveFrom: number;
  saveRate: number;
  /** The stretches saves are tagged by (`save · <name>`); a save sent outside every one is `save`. */
  savePhases: Phase[];
  /** Epoch ms: the submit window opens; every candidate submits at a random moment in it. */
  submitAt: number;
  submitWindowMs: number;
  /**
   * Readers on results day, concurrently with the exam: each arrives in the window and reads every path
   * once; a path with `{attempt}` is a signed-in candidate's own result (their earlier attempt, their cookie).
   */
  readers: { count: number; from: number; windowMs: number; paths: { label: string; path: string }[] };
  /** Sign-ins (Argon2 each) while candidates save: these candidates sign in again, `concurrency` at a time, from `from`. */
  signIns: { candidates: BenchCandidate[]; password: string; from: number; concurrency: number };
}

export type WorkerCommand =
  | {
      type: 'baseline';
      baseUrl: string;
      path: string;
      concurrency: number;
      requests: number;
    }
  | { type: 'sign-in'; baseUrl: string; candidates: BenchCandidate[]; password: string; concurrency: number }
  | { type: 'sessions'; candidates: BenchCandidate[]; cookieName: string }
  | { type: 'exam'; baseUrl: string; plan: ExamPlan; resultFile: string }
  | { type: 'exit' };

/** One operation's figures from one worker; merged across workers by the benchmark. */
export interface OpStats {
  /** Latency of every request answered, whatever its status. */
  latencies: number[];
  /** Epoch ms each of those was answered (same order): for counting requests per stretch of a CPU profile. */
  answeredAt?: number[];
  /** Requests answered with a 2xx. */
  ok: number;
  /** `status code` (or `network message`) → how many. */
  errors: Record<string, number>;
  /** Epoch ms of the first request sent and the last response received. */
  firstAt: number;
  lastAt: number;
}

/** baseline, sign-in, start, paper, save, `save · <phase>`, submit, `read <label>`, `sign-in · exam`. */
export type OpName = string;

export interface WorkerResult {
  type: 'result';
  ops: Record<OpName, OpStats>;
  /** Saves the server answered with `applied: false` (never expected: each item's seq only grows). */
  staleAcks?: number;
  /** Candidates whose start failed, so they saved nothing. */
  abandoned?: number;
  /** Saves sent later than planned because the candidate's previous save had not been answered yet. */
  lateSaves?: number;
  /** Candidates whose submit failed even after retries. */
  unsubmitted?: number;
  /** Submits sent again because the connection was refused (the server restarting after the kill). */
  submitRetries?: number;
}

export interface AckedAnswer {
  seq: number;
  answer: unknown;
  flagged: boolean;
}

/** What each worker writes to its result file: every candidate's last acknowledged save per item. */
export interface AckedAttempt {
  attemptId: string;
  answers: Record<string, AckedAnswer>;
}

/** One second of the benchmarked server's event loop, as `server-probe.mjs` writes it. */
export interface ProbeSample {
  at: number;
  p50: number;
  p99: number;
  max: number;
  /** Event-loop utilisation over the second: 1 means the thread never waited for work. */
  elu: number;
  heapMiB: number;
  /** The process's memory as it saw it (MiB): resident set, V8's heap reserved, its young generation's reserve,
   * the old generation in use, memory outside the heap (Buffers among it); and its open TCP sockets. */
  rssMiB?: number;
  heapTotalMiB?: number;
  newSpaceMiB?: number;
  oldSpaceMiB?: number;
  externalMiB?: number;
  arrayBuffersMiB?: number;
  sockets?: number;
  /** Milliseconds of the second spent in garbage collection, and in major (mark-compact) collections. */
  gcMs?: number;
  majorGcMs?: number;
}
