import { afterAll, beforeAll } from 'vitest';
import { examApp, type ExamBank, type Person } from '../factories/sittings';
import { request, type TestApp } from './app';

export interface ExamSuite {
  t: TestApp;
  admin: Person;
  bank: ExamBank;
}

/**
 * One test file's exam app (`examApp`: an administrator and the small bank), opened before the file's tests and
 * closed after them; `receive` hands its parts to the file's own variables. Returns the file's requests, each made
 * as the caller whose session cookie it is given.
 */
export function examSuite(receive: (suite: ExamSuite) => void) {
  let t: TestApp | undefined;
  beforeAll(async () => {
    const suite = await examApp();
    t = suite.t;
    receive(suite);
  });
  // A set-up that failed has nothing to close, and its own error is the one worth reading.
  afterAll(() => t?.close());

  const send = (method: 'GET' | 'POST' | 'PUT', url: string, cookie: string, payload?: unknown) =>
    request(t!.app, { method, url, cookie, ...(payload === undefined ? {} : { payload: payload as object }) });
  return {
    get: (url: string, cookie: string) => send('GET', url, cookie),
    post: (url: string, cookie: string, payload: unknown = {}) => send('POST', url, cookie, payload),
    put: (url: string, cookie: string, payload: unknown) => send('PUT', url, cookie, payload),
  };
}
