import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { request, type TestApp } from '../helpers/app';

/**
 * The JSON body of a factory's step. Any status but `status` throws, naming the step and giving the body,
 * so a set-up that goes wrong says where instead of failing a later assertion.
 */
export function okBody<T>(response: LightMyRequestResponse, status: number, what: string): T {
  if (response.statusCode !== status) {
    throw new Error(`${what}: expected ${status}, got ${response.statusCode} ${response.body}`);
  }
  return response.json<T>();
}

/** A same-origin POST as `who`, with `payload` as its JSON body when there is one. */
export function postAs(t: TestApp, who: { cookie: string }, url: string, payload?: InjectOptions['payload']) {
  return request(t.app, { method: 'POST', url, cookie: who.cookie, ...(payload === undefined ? {} : { payload }) });
}

/** A GET as `who`. */
export function getAs(t: TestApp, who: { cookie: string }, url: string) {
  return request(t.app, { method: 'GET', url, cookie: who.cookie });
}
