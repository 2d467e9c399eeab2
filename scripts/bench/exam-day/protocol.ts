/** Messages between the exam-day benchmark and its load-generating worker processes. */

export interface BenchCandidate {
  email: string;
  bookingId: string;
}

export interface ExamPlan {
  /** Epoch ms: the start burst begins; every candidate starts at a random moment in the window. */
  startAt: number;
  startWindowMs: number;
  /** Epoch ms: the submit window opens; saves are spread over the time before it, with think time. */
  submitAt: number;
  submitWindowMs: number;
  savesPerCandidate: number;
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
  | { type: 'exam'; baseUrl: string; plan: ExamPlan; resultFile: string }
  | { type: 'exit' };

/** One operation's figures from one worker; merged across workers by the benchmark. */
export interface OpStats {
  /** Latency of every request answered, whatever its status. */
  latencies: number[];
  /** Requests answered with a 2xx. */
  ok: number;
  /** `status code` (or `network message`) → how many. */
  errors: Record<string, number>;
  /** Epoch ms of the first request sent and the last response received. */
  firstAt: number;
  lastAt: number;
}

export type OpName = 'baseline' | 'sign-in' | 'start' | 'paper' | 'save' | 'submit';

export interface WorkerResult {
  type: 'result';
  ops: Partial<Record<OpName, OpStats>>;
  /** Saves the server answered with `applied: false` (never expected: each item's seq only grows). */
  staleAcks?: number;
  /** Candidates whose start failed, so they saved nothing. */
  abandoned?: number;
  /** Candidates that reached the submit window late, after their last save. */
  lateSubmits?: number;
  /** Saves not sent because the save window had ended (the server had fallen that far behind). */
  skippedSaves?: number;
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
