/**
 * The server's clock as seen from the browser. Time belongs to the server: the countdown shows the
 * stored deadline against `serverNow`, never against the local clock alone.
 */
export class ServerClock {
  /** serverTime − localTime, in milliseconds. */
  #offset: number;
  /** Half the round trip of the observation the offset came from: its uncertainty. */
  #uncertainty: number;

  /**
   * @param serverNow the server's time in a response
   * @param receivedAt the local time (ms) the response arrived
   */
  constructor(serverNow: string, receivedAt: number) {
    this.#offset = Date.parse(serverNow) - receivedAt;
    // The page's own response: when it left the server is not known, so any timed request beats it.
    this.#uncertainty = Number.POSITIVE_INFINITY;
  }

  get offset(): number {
    return this.#offset;
  }

  /**
   * Refines the offset from a request sent at `sentAt` and answered at `receivedAt` with the server's
   * time `serverTime`: the server's moment is taken as the midpoint, and the tightest round trip wins.
   */
  observe(serverTime: string, sentAt: number, receivedAt: number): void {
    const server = Date.parse(serverTime);
    if (!Number.isFinite(server) || receivedAt < sentAt) return;
    const uncertainty = (receivedAt - sentAt) / 2;
    if (uncertainty > this.#uncertainty) return;
    this.#offset = server - (sentAt + uncertainty);
    this.#uncertainty = uncertainty;
  }

  /** The server's time now, in ms since the epoch. */
  now(local: number = Date.now()): number {
    return local + this.#offset;
  }

  /** Milliseconds left until `deadline` by the server's clock; never negative. */
  remaining(deadline: string, local: number = Date.now()): number {
    return Math.max(0, Date.parse(deadline) - this.now(local));
  }
}

/** h:mm:ss, or mm:ss under an hour, rounding up so "0:00" appears only when time is up. */
export function formatRemaining(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return hours > 0 ? `${hours}:${two(minutes)}:${two(seconds)}` : `${two(minutes)}:${two(seconds)}`;
}

/** Whole minutes and seconds left, for a spoken or written sentence. */
export function splitRemaining(ms: number): { hours: number; minutes: number; seconds: number } {
  const total = Math.max(0, Math.ceil(ms / 1000));
  return { hours: Math.floor(total / 3600), minutes: Math.floor((total % 3600) / 60), seconds: total % 60 };
}

/** Minutes left at which the room tells the candidate, once each. */
export const WARNINGS_AT_MINUTES = [15, 5, 1] as const;

/**
 * Says when a warning is due. Warnings whose moment had already passed when the room opened are
 * not given late (a candidate who resumes with 3 minutes left hears "1 minute", not "15").
 */
export class TimeWarnings {
  readonly #given = new Set<number>();

  constructor(remainingAtStart: number) {
    this.reset(remainingAtStart);
  }

  /** After the deadline moved (an extension): warnings still ahead will be given again. */
  reset(remaining: number): void {
    this.#given.clear();
    for (const minutes of WARNINGS_AT_MINUTES) if (remaining <= minutes * 60_000) this.#given.add(minutes);
  }

  /** The warning due now (the smallest threshold crossed and not yet given), or null. */
  due(remaining: number): number | null {
    let found: number | null = null;
    for (const minutes of WARNINGS_AT_MINUTES) {
      if (remaining <= minutes * 60_000 && !this.#given.has(minutes)) {
        this.#given.add(minutes);
        found = minutes;
      }
    }
    return found;
  }
}
