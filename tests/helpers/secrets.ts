import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { request, type TestApp } from './app';

/**
 * A leak scanner for what reaches an applicant (DESIGN.md rule 6). It walks any JSON body, whatever
 * its shape, so a route added later is checked without anyone teaching the scanner about it.
 */

/** Property names that only a key, or a reviewer's view of a question, would carry. */
const KEY_PROPERTIES = new Set(
  [
    'key',
    'keys',
    'answerKey',
    'answer_key',
    'accepted',
    'acceptedAnswers',
    'explanation',
    'correctOptionIds',
    'correctOptions',
    'correctAnswer',
    'correctAnswers',
    'isCorrect',
    'rightAnswer',
    'solution',
  ].map((k) => k.toLowerCase()),
);

export interface Secret {
  text: string;
  /** What the text is, for the failure message: "explanation of …", "other candidate's national ID". */
  what: string;
}

export interface Leak {
  path: string;
  problem: string;
}

/**
 * Every leak in one value: a property that holds a key (a `correct` that is anything but a count,
 * `key`, `accepted`, `explanation`, …) and any secret text inside any string or property name.
 */
export function findLeaks(value: unknown, secrets: readonly Secret[], path = '$'): Leak[] {
  const leaks: Leak[] = [];
  const checkText = (text: string, at: string) => {
    for (const secret of secrets) {
      if (secret.text && text.includes(secret.text)) leaks.push({ path: at, problem: `contains ${secret.what}` });
    }
  };
  const walk = (node: unknown, at: string) => {
    if (typeof node === 'string') return checkText(node, at);
    if (Array.isArray(node)) return node.forEach((child, i) => walk(child, `${at}[${i}]`));
    if (node === null || typeof node !== 'object') return;
    for (const [name, child] of Object.entries(node)) {
      const here = `${at}.${name}`;
      checkText(name, `${here} (property name)`);
      if (KEY_PROPERTIES.has(name.toLowerCase())) leaks.push({ path: here, problem: 'a key property' });
      // `correct` is allowed as a section's count of correct answers, never as a list of options.
      if (name === 'correct' && typeof child !== 'number')
        leaks.push({ path: here, problem: 'a key (correct options)' });
      walk(child, here);
    }
  };
  walk(value, path);
  return leaks;
}

export interface Recorded {
  method: string;
  url: string;
  status: number;
  contentType: string;
  body: Buffer;
}

/** The leaks in one recorded response: JSON is walked; anything else is searched as text. */
export function leaksIn(response: Recorded, secrets: readonly Secret[]): Leak[] {
  const where = `${response.method} ${response.url} → ${response.status}`;
  const text = response.body.toString('utf8');
  if (response.contentType.includes('json')) {
    return findLeaks(JSON.parse(text), secrets).map((l) => ({ ...l, path: `${where} ${l.path}` }));
  }
  const latin = response.body.toString('latin1');
  return secrets
    .filter((s) => s.text && (text.includes(s.text) || latin.includes(s.text)))
    .map((s) => ({ path: where, problem: `contains ${s.what}` }));
}

/** Sends requests as one browser would (same origin, its cookie) and keeps every response it got. */
export class RecordingClient {
  readonly responses: Recorded[] = [];
  constructor(
    private readonly t: TestApp,
    public cookie: string | undefined,
  ) {}

  async send(options: InjectOptions): Promise<LightMyRequestResponse> {
    const response = await request(this.t.app, { ...options, cookie: this.cookie });
    this.responses.push({
      method: String(options.method ?? 'GET'),
      url: String(options.url),
      status: response.statusCode,
      contentType: String(response.headers['content-type'] ?? ''),
      body: response.rawPayload,
    });
    return response;
  }

  get(url: string) {
    return this.send({ method: 'GET', url });
  }
  post(url: string, payload: unknown = {}) {
    return this.send({ method: 'POST', url, payload: payload as InjectOptions['payload'] });
  }
  put(url: string, payload: unknown) {
    return this.send({ method: 'PUT', url, payload: payload as InjectOptions['payload'] });
  }
}

/** Whether a concrete URL (query ignored) matches a route pattern such as `/api/bookings/:id/start`. */
export function matchesRoute(pattern: string, url: string): boolean {
  const path = url.split('?')[0]!;
  const regex = new RegExp(
    `^${pattern
      .split('/')
      .map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('/')}$`,
  );
  return regex.test(path);
}
