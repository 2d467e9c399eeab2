import type { FastifyRateLimitStore } from '@fastify/rate-limit';
import type { Clock } from '../clock';
import type { RateLimitsRepository } from '../modules/auth/rate-limits.repository';

type Incr = (error: Error | null, result?: { current: number; ttl: number }) => void;

/** What the plugin hands `child` at run time (its types say a route's options; it adds these). */
interface RouteLimit {
  routeInfo?: { method?: string | string[]; url?: string };
  /** The route's window in ms, as the plugin has parsed it. */
  timeWindow?: unknown;
}

const MINUTE = 60_000;

/**
 * A `@fastify/rate-limit` store over the database: the counters of every server process are the same rows,
 * so N processes behind one address still allow the configured number of requests, not N times it. Each
 * limited route counts on its own (its method and path prefix the client's key), as the built-in store does.
 */
export function databaseRateLimitStore(repository: RateLimitsRepository, clock: Clock) {
  return class DatabaseRateLimitStore {
    constructor(
      _options: unknown,
      private readonly route = '',
      private readonly windowMs = MINUTE,
    ) {}

    /** The plugin passes the window (a number of ms) since v9; the route's own is the fallback. */
    incr(key: string, callback: Incr, timeWindow?: number): void {
      const now = clock();
      const windowMs = typeof timeWindow === 'number' ? timeWindow : this.windowMs;
      repository.hit(`${this.route}|${key}`, now, windowMs).then(
        ({ hits, resetsAt }) => callback(null, { current: hits, ttl: Math.max(0, resetsAt.getTime() - now.getTime()) }),
        (error: Error) => callback(error),
      );
    }

    child(options: Parameters<FastifyRateLimitStore['child']>[0]) {
      const route = options as unknown as RouteLimit;
      const { method = '', url = '' } = route.routeInfo ?? {};
      const windowMs = typeof route.timeWindow === 'number' ? route.timeWindow : MINUTE;
      return new DatabaseRateLimitStore(undefined, `${String(method)}${url}`, windowMs);
    }
  };
}
