import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { parseWitnessList, type Witness } from './modules/log/witness-client';

/**
 * Everything the service reads from its environment, validated once at boot.
 * This is the only module that touches `process.env`.
 */
const EnvSchema = Type.Object({
  NODE_ENV: Type.Union([Type.Literal('development'), Type.Literal('production'), Type.Literal('test')], {
    default: 'development',
  }),
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000 }),
  HOST: Type.String({ minLength: 1, default: '0.0.0.0' }),
  /**
   * Connections the kernel holds for the server before it accepts them. Node's 511 overflows when a room of
   * thousands presses Start in the same second: the overflowing connects are dropped and the browsers retry
   * after 1, 3, 7… seconds. The kernel caps it at net.core.somaxconn (4096 on Linux since 5.4).
   */
  LISTEN_BACKLOG: Type.Integer({ minimum: 1, maximum: 65535, default: 4096 }),
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
  /**
   * Where the running server's queries connect, as a login that is a member of DATABASE_APP_ROLE. Without
   * it they use DATABASE_URL's connection with that role set; migrations always run as DATABASE_URL's user.
   */
  DATABASE_APP_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
  /**
   * A streaming replica of DATABASE_URL's database for public reads that may lag a little: the register, its
   * statistics, the log's tiles and the pass lists. Writes, and whatever a user reads back, stay on the primary.
   */
  DATABASE_READ_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
  /** Server processes sharing the port (node:cluster); more than one needs PostgreSQL. */
  SERVER_PROCESSES: Type.Integer({ minimum: 1, maximum: 64, default: 1 }),
  /** The PostgreSQL role the application runs as: rights on rows only, owner of nothing. */
  DATABASE_APP_ROLE: Type.String({ pattern: '^[a-z_][a-z0-9_]{0,62}$', default: 'imtahan_app' }),
  DATA_DIR: Type.String({ minLength: 1, default: './data' }),
  /**
   * The address the public reaches this service at: QR codes and check links on tickets and certificates
   * are built on it, never on a request's Host header (which the client chooses). Defaults to localhost.
   */
  PUBLIC_URL: Type.Optional(Type.String({ pattern: '^https?://' })),
  /** Connections to PostgreSQL per process; exam day's start and submit bursts want a few dozen. */
  DATABASE_POOL_SIZE: Type.Integer({ minimum: 1, maximum: 500, default: 20 }),
  /**
   * Under load, public reads (the register, pass lists, statistics, the log) are turned away with 503 and a
   * Retry-After while the event loop's mean delay over half a second exceeds this many milliseconds, so that
   * exam traffic keeps the server. 0 turns it off. Defaults to 250 for a production server on PostgreSQL and to
   * off elsewhere.
   */
  SHED_EVENT_LOOP_DELAY_MS: Type.Optional(Type.Integer({ minimum: 0, maximum: 60_000 })),
  /**
   * Public reads (as above) one process serves at once, until each answer is written out; more are turned away
   * the same way. 0 for no bound. Defaults to 64 for a production server on PostgreSQL and to none elsewhere.
   */
  SHED_PUBLIC_READS_IN_FLIGHT: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
  /** The Retry-After, in seconds, of a public read turned away under load (SHED_EVENT_LOOP_DELAY_MS). */
  SHED_RETRY_AFTER_SECONDS: Type.Integer({ minimum: 1, maximum: 3_600, default: 5 }),
  /** Seed and mark the demo. Defaults to on for the embedded database, off for PostgreSQL. */
  DEMO: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')])),
  /**
   * Extra origins, comma-separated, whose mutating API requests are accepted besides the request's
   * own host. (SvelteKit's adapter reads ORIGIN itself, and takes only one, so this is a separate name.)
   */
  ALLOWED_ORIGINS: Type.Optional(Type.String()),
  SESSION_IDLE_MINUTES: Type.Integer({ minimum: 5, maximum: 24 * 60, default: 120 }),
  SESSION_ABSOLUTE_HOURS: Type.Integer({ minimum: 1, maximum: 24 * 30, default: 12 }),
  NATIONAL_ID_SCHEMES: Type.String({ default: 'AZ_FIN,KZ_IIN' }),
  /** Sign-in, sign-up and two-factor attempts allowed per client address per minute. */
  AUTH_RATE_LIMIT_PER_MINUTE: Type.Integer({ minimum: 1, maximum: 100_000, default: 10 }),
  /** Which proxies may set X-Forwarded-*: the web renderer in the same process calls the API over loopback. */
  TRUST_PROXY: Type.String({ default: '127.0.0.1,::1' }),
  /** The transparency log's origin line, which is also the name of its signing key. */
  LOG_ORIGIN: Type.String({ pattern: '^[^\\s+]+$', default: 'imtahan.localhost/log' }),
  /** The log's Ed25519 signer key in Go's note format (`PRIVATE+KEY+…`); wins over the file. */
  LOG_SIGNING_KEY: Type.Optional(Type.String({ pattern: '^PRIVATE\\+KEY\\+' })),
  /** Where the signer key is read from, and on the embedded database created at first start. */
  LOG_SIGNING_KEY_FILE: Type.Optional(Type.String({ minLength: 1 })),
  /**
   * Witnesses asked to cosign each new checkpoint (C2SP tlog-witness), comma-separated `<url>=<verifier key>`,
   * the key a cosignature/v1 vkey (`<name>+<key ID>+<base64(0x04 ‖ Ed25519 key)>`).
   */
  LOG_WITNESSES: Type.Optional(Type.String()),
  /** Cosignatures a checkpoint needs before /log/checkpoint serves it; 0 serves the newest at once. */
  LOG_WITNESS_QUORUM: Type.Integer({ minimum: 0, maximum: 100, default: 0 }),
  /** Seconds after an attempt's deadline during which in-flight autosaves are still accepted. */
  ATTEMPT_GRACE_SECONDS: Type.Integer({ minimum: 0, maximum: 120, default: 5 }),
  /** How often the sweeper finalises attempts whose deadline has passed; 0 turns it off. */
  ATTEMPT_SWEEP_SECONDS: Type.Integer({ minimum: 0, maximum: 3600, default: 5 }),
  /** Attempts re-scored per transaction by the background re-scoring after an upheld appeal. */
  RESCORING_BATCH: Type.Integer({ minimum: 1, maximum: 10_000, default: 500 }),
  /** How long a pass certificate is valid (DİM: 5 years). */
  CERTIFICATE_VALID_YEARS: Type.Integer({ minimum: 1, maximum: 50, default: 5 }),
  /**
   * Public holidays in Baku (`YYYY-MM-DD`, comma-separated), on which no working day of a consultation's response
   * target is counted. Defaults to Azerbaijan's non-working holidays of 2026 and 2027.
   */
  PUBLIC_HOLIDAYS: Type.Optional(Type.String()),
  /**
   * Tests only (refused unless NODE_ENV=test): a file holding milliseconds by which the server's clock runs
   * ahead of real time, which a browser test rewrites to move time forward instead of waiting for it.
   */
  TEST_CLOCK_FILE: Type.Optional(Type.String({ minLength: 1 })),
  /**
   * Argon2id parameters for new password hashes: OWASP's (the default), or `test`, the library's floor, which
   * is refused unless NODE_ENV=test. Hashes carry their parameters, so existing ones verify either way.
   */
  PASSWORD_HASH_COST: Type.Union([Type.Literal('owasp'), Type.Literal('test')], { default: 'owasp' }),
  /**
   * Where mails go: an SMTP URL as nodemailer reads it (`smtps://user:pass@host:465`). Without it mails are
   * not sent: they are written to the log and kept on the staff outbox page (the demo).
   */
  SMTP_URL: Type.Optional(Type.String({ pattern: '^smtps?://' })),
  /** The sender of every mail. */
  MAIL_FROM: Type.String({ minLength: 3, default: 'imtahan <no-reply@imtahan.localhost>' }),
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
    { default: 'info' },
  ),
});

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  /** See LISTEN_BACKLOG. */
  listenBacklog: number;
  databaseUrl: string | undefined;
  /** The application's own connection and role on PostgreSQL (see DATABASE_APP_URL, DATABASE_APP_ROLE). */
  databaseApp: { url: string | undefined; role: string };
  databasePoolSize: number;
  /** Public reads turned away under load (see SHED_EVENT_LOOP_DELAY_MS and SHED_PUBLIC_READS_IN_FLIGHT; 0 is no limit). */
  shedding: { maxEventLoopDelayMs: number; maxPublicReadsInFlight: number; retryAfterSeconds: number };
  /** The read replica's URL (see DATABASE_READ_URL); undefined reads from the primary. */
  databaseReadUrl: string | undefined;
  /** How many server processes share the port (see SERVER_PROCESSES). */
  processes: number;
  dataDir: string;
  /** Scheme, host and port (no trailing slash) of the public address; see PUBLIC_URL. */
  publicUrl: string;
  demo: boolean;
  /** Origins allowed to send mutating requests besides the request's own host. */
  allowedOrigins: string[];
  session: { idleMs: number; absoluteMs: number; cookieName: string; secureCookie: boolean };
  nationalIdSchemes: string[];
  rateLimit: { authPerMinute: number };
  log: {
    origin: string;
    signingKey: string | undefined;
    signingKeyFile: string;
    /** The witnesses to ask for cosignatures (see LOG_WITNESSES), and how many a served checkpoint needs. */
    witnesses: Witness[];
    witnessQuorum: number;
  };
  trustProxy: string;
  logLevel: string;
  attempts: { graceMs: number; sweepMs: number };
  rescoring: { batch: number };
  certificates: { validYears: number };
  /** Baku's public holidays, `YYYY-MM-DD` (see PUBLIC_HOLIDAYS). */
  publicHolidays: string[];
  /** The test clock's file (see TEST_CLOCK_FILE); undefined everywhere but in tests. */
  testClockFile: string | undefined;
  /** Which Argon2id parameters new password hashes use (see PASSWORD_HASH_COST). */
  passwordHashCost: 'owasp' | 'test';
  /** Outgoing mail (see SMTP_URL, MAIL_FROM); no SMTP URL keeps mails in the outbox and the log. */
  mail: { smtpUrl: string | undefined; from: string };
}

export class ConfigError extends Error {}

/**
 * PUBLIC_URL as an origin: an http(s) URL with a host and nothing after it. A path, query or fragment
 * would be silently dropped or doubled in every printed link, and credentials would be printed on them.
 */
function publicOrigin(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`Invalid configuration:\n  PUBLIC_URL: not a URL: ${value}`);
  }
  const problem =
    url.protocol !== 'http:' && url.protocol !== 'https:'
      ? 'must be http:// or https://'
      : url.username || url.password
        ? 'must not carry a user name or password'
        : url.pathname !== '/' || url.search || url.hash || /[?#]/.test(value)
          ? `must be scheme, host and port only, without a path (did you mean ${url.origin}?)`
          : undefined;
  if (problem) throw new ConfigError(`Invalid configuration:\n  PUBLIC_URL: ${problem}`);
  return url.origin;
}

/**
 * Azerbaijan's days off for public holidays, as a five-day working week keeps them (Labour Code art. 105): New Year
 * (1–2 Jan), the Day of National Mourning (20 Jan), Women's Day, Novruz (5 days), Victory over Fascism (9 May),
 * Independence Day (28 May), National Salvation (15 Jun), Armed Forces Day (26 Jun), Victory Day (8 Nov), Flag Day
 * (9 Nov), Solidarity Day (31 Dec), and Ramazan and Gurban (2 days each, set every December by the Cabinet). A holiday
 * on a Saturday or Sunday moves the rest day to the next working day (art. 105.5), and a Bayram day that falls on
 * another holiday adds the next working day (art. 105.6): those transfer days are listed too, as they are days off.
 *
 * 2026: the Ministry of Labour's production calendar for 2026 (approved 11 Dec 2025, on the Cabinet's decision
 * no. 362 of 2 Dec 2025: Novruz 20–24 Mar, Ramazan 20–21 Mar, Gurban 27–28 May), which lists 20 January as a day
 * off and the transfers 9, 25, 26, 27, 30 Mar, 11, 29 May and 10 Nov (report.az/ru/socialnaya-zashhita/
 * obyavleny-nerabochie-dni-v-azerbajdzhane-na-2026-god; news.day.az/azerinews/1801712.html).
 * 2027: the fixed days with art. 105.5's transfers (4 Jan, 25–26 Mar, 10 May, 28 Jun); Ramazan (9–10 Mar) and Gurban
 * (16–17 May, so 18 May in its Sunday's stead) are ESTIMATES (the astronomical dates, which the Cabinet's matched in
 * 2024–2026) until the Cabinet's decision for 2027 and that year's production calendar are out: check them then.
 * A working Saturday the Cabinet swaps in (art. 105.7) cannot be listed here; set PUBLIC_HOLIDAYS to override.
 */
const AZ_PUBLIC_HOLIDAYS = [
  // 2026
  '2026-01-01',
  '2026-01-02',
  '2026-01-20',
  '2026-03-08',
  '2026-03-09', // 8 March was a Sunday
  '2026-03-20',
  '2026-03-21',
  '2026-03-22',
  '2026-03-23',
  '2026-03-24',
  '2026-03-25', // Novruz's Saturday and Sunday
  '2026-03-26',
  '2026-03-27', // Ramazan (20–21 March) fell on Novruz
  '2026-03-30',
  '2026-05-09',
  '2026-05-11', // 9 May was a Saturday
  '2026-05-27',
  '2026-05-28',
  '2026-05-29', // Gurban's second day fell on Independence Day
  '2026-06-15',
  '2026-06-26',
  '2026-11-08',
  '2026-11-09',
  '2026-11-10', // 8 November was a Sunday
  '2026-12-31',
  // 2027
  '2027-01-01',
  '2027-01-02',
  '2027-01-04', // 2 January is a Saturday
  '2027-01-20',
  '2027-03-08',
  '2027-03-09', // Ramazan (estimated)
  '2027-03-10',
  '2027-03-20',
  '2027-03-21',
  '2027-03-22',
  '2027-03-23',
  '2027-03-24',
  '2027-03-25', // Novruz's Saturday and Sunday
  '2027-03-26',
  '2027-05-09',
  '2027-05-10', // 9 May is a Sunday
  '2027-05-16', // Gurban (estimated)
  '2027-05-17',
  '2027-05-18', // Gurban's Sunday (estimated)
  '2027-05-28',
  '2027-06-15',
  '2027-06-26',
  '2027-06-28', // 26 June is a Saturday
  '2027-11-08',
  '2027-11-09',
  '2027-12-31',
];

function publicHolidays(value: string | undefined): string[] {
  if (value === undefined) return AZ_PUBLIC_HOLIDAYS;
  const days = value
    .split(',')
    .map((d) => d.trim())
    .filter(Boolean);
  const bad = days.filter((d) => !/^\d{4}-\d{2}-\d{2}$/.test(d) || Number.isNaN(Date.parse(`${d}T00:00:00Z`)));
  if (bad.length)
    throw new ConfigError(`Invalid configuration:\n  PUBLIC_HOLIDAYS: not a day (YYYY-MM-DD): ${bad.join(', ')}`);
  return days;
}

function logWitnesses(value: string | undefined, quorum: number): Witness[] {
  let witnesses: Witness[];
  try {
    witnesses = parseWitnessList(value ?? '');
  } catch (error) {
    throw new ConfigError(`Invalid configuration:\n  LOG_WITNESSES: ${(error as Error).message}`);
  }
  if (new Set(witnesses.map((w) => w.verifier.verifierKey)).size !== witnesses.length) {
    throw new ConfigError('Invalid configuration:\n  LOG_WITNESSES: a witness key is listed twice');
  }
  if (quorum > witnesses.length) {
    throw new ConfigError(
      `Invalid configuration:\n  LOG_WITNESS_QUORUM: ${quorum} cosignatures asked of ${witnesses.length} witnesses (LOG_WITNESSES)`,
    );
  }
  return witnesses;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(EnvSchema.properties)) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const converted = Value.Default(EnvSchema, Value.Convert(EnvSchema, raw));
  if (!Value.Check(EnvSchema, converted)) {
    const problems = [...Value.Errors(EnvSchema, converted)].map((e) => `${e.path.slice(1)}: ${e.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const c = converted as Static<typeof EnvSchema>;
  if (c.TEST_CLOCK_FILE !== undefined && c.NODE_ENV !== 'test') {
    throw new ConfigError(
      'Invalid configuration:\n  TEST_CLOCK_FILE: a movable clock is for tests only (NODE_ENV=test); this server keeps real time',
    );
  }
  if (c.PASSWORD_HASH_COST === 'test' && c.NODE_ENV !== 'test') {
    throw new ConfigError(
      "Invalid configuration:\n  PASSWORD_HASH_COST: 'test' is for tests only (NODE_ENV=test); passwords here need OWASP's parameters",
    );
  }
  if (!c.DATABASE_URL && (c.DATABASE_READ_URL !== undefined || c.SERVER_PROCESSES > 1)) {
    throw new ConfigError(
      `Invalid configuration:\n  ${c.DATABASE_READ_URL !== undefined ? 'DATABASE_READ_URL' : 'SERVER_PROCESSES'}: needs DATABASE_URL (PostgreSQL); the embedded database belongs to one process`,
    );
  }
  const witnesses = logWitnesses(c.LOG_WITNESSES, c.LOG_WITNESS_QUORUM);
  const secure = c.NODE_ENV === 'production';
  // Shedding's defaults: the embedded database runs its queries on the server's own thread, so busy says little.
  const productionOnPostgres = c.NODE_ENV === 'production' && c.DATABASE_URL !== undefined;
  return {
    env: c.NODE_ENV,
    port: c.PORT,
    host: c.HOST,
    listenBacklog: c.LISTEN_BACKLOG,
    databaseUrl: c.DATABASE_URL,
    databaseApp: { url: c.DATABASE_APP_URL, role: c.DATABASE_APP_ROLE },
    databasePoolSize: c.DATABASE_POOL_SIZE,
    shedding: {
      maxEventLoopDelayMs: c.SHED_EVENT_LOOP_DELAY_MS ?? (productionOnPostgres ? 250 : 0),
      maxPublicReadsInFlight: c.SHED_PUBLIC_READS_IN_FLIGHT ?? (productionOnPostgres ? 64 : 0),
      retryAfterSeconds: c.SHED_RETRY_AFTER_SECONDS,
    },
    databaseReadUrl: c.DATABASE_READ_URL,
    processes: c.SERVER_PROCESSES,
    dataDir: c.DATA_DIR,
    publicUrl: publicOrigin(c.PUBLIC_URL ?? `http://localhost:${c.PORT}`),
    demo: c.DEMO === undefined ? !c.DATABASE_URL : c.DEMO === 'true',
    allowedOrigins: (c.ALLOWED_ORIGINS ?? `http://localhost:${c.PORT},http://127.0.0.1:${c.PORT}`)
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    session: {
      idleMs: c.SESSION_IDLE_MINUTES * 60_000,
      absoluteMs: c.SESSION_ABSOLUTE_HOURS * 3_600_000,
      // The __Host- prefix pins the cookie to this origin, but browsers only accept it over HTTPS.
      cookieName: secure ? '__Host-imtahan_session' : 'imtahan_session',
      secureCookie: secure,
    },
    nationalIdSchemes: c.NATIONAL_ID_SCHEMES.split(',').map((s) => s.trim()),
    rateLimit: { authPerMinute: c.AUTH_RATE_LIMIT_PER_MINUTE },
    log: {
      origin: c.LOG_ORIGIN,
      signingKey: c.LOG_SIGNING_KEY,
      signingKeyFile: c.LOG_SIGNING_KEY_FILE ?? `${c.DATA_DIR}/log-signing.key`,
      witnesses,
      witnessQuorum: c.LOG_WITNESS_QUORUM,
    },
    trustProxy: c.TRUST_PROXY,
    logLevel: c.LOG_LEVEL,
    attempts: { graceMs: c.ATTEMPT_GRACE_SECONDS * 1000, sweepMs: c.ATTEMPT_SWEEP_SECONDS * 1000 },
    rescoring: { batch: c.RESCORING_BATCH },
    certificates: { validYears: c.CERTIFICATE_VALID_YEARS },
    publicHolidays: publicHolidays(c.PUBLIC_HOLIDAYS),
    testClockFile: c.TEST_CLOCK_FILE,
    passwordHashCost: c.PASSWORD_HASH_COST,
    mail: { smtpUrl: c.SMTP_URL, from: c.MAIL_FROM },
  };
}
