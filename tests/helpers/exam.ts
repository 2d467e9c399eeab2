import { and, asc, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { auditLog } from '../../db/schema/index';
import { request, type TestApp } from './app';
import { expectDatabaseUnchanged } from './snapshot';

interface ErrorBody {
  error: { code: string; message: string; fields?: { field: string; code: string; message: string }[] };
}

/** A domain conflict as the contract gives it: 409 CONFLICT with `fields[0].code`. */
export function expectConflict(response: LightMyRequestResponse, code: string): void {
  expect(response.statusCode, response.body).toBe(409);
  const body = response.json<ErrorBody>();
  expect(body.error.code, response.body).toBe('CONFLICT');
  expect(body.error.fields?.[0]?.code, response.body).toBe(code);
}

/** Bad input: 400 VALIDATION_FAILED naming `field` (and, when given, the field's problem code). */
export function expectInvalid(response: LightMyRequestResponse, field: string, fieldCode?: string): void {
  expect(response.statusCode, response.body).toBe(400);
  const body = response.json<ErrorBody>();
  expect(body.error.code, response.body).toBe('VALIDATION_FAILED');
  const fields = body.error.fields ?? [];
  expect(
    fields.map((f) => f.field),
    response.body,
  ).toContain(field);
  if (fieldCode) expect(fields.find((f) => f.field === field)?.code, response.body).toBe(fieldCode);
}

export function expectNotFound(response: LightMyRequestResponse): void {
  expect(response.statusCode, response.body).toBe(404);
  expect(response.json<ErrorBody>().error.code).toBe('NOT_FOUND');
}

/** A GET as `who` that must answer 200 (a failure shows the body); its JSON body. */
export async function expectOkJson<T>(t: TestApp, who: { cookie: string }, url: string): Promise<T> {
  const response = await request(t.app, { method: 'GET', url, cookie: who.cookie });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<T>();
}

/** The audit entries with this action (and target), oldest first. */
export async function auditEntries(t: TestApp, action: string, targetId?: string) {
  return t.database.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), targetId === undefined ? undefined : eq(auditLog.targetId, targetId)))
    .orderBy(asc(auditLog.id));
}

/** Milliseconds since the epoch of an ISO timestamp (so `…00.000Z` and `…00Z` compare equal). */
export const ms = (iso: string | null | undefined): number => {
  if (!iso) throw new Error(`not a timestamp: ${String(iso)}`);
  return new Date(iso).getTime();
};

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

/**
 * Runs `action` and asserts it wrote nothing anywhere. The callers' sessions are used once first, so
 * that a sliding-expiry touch after a clock jump is not mistaken for a write by the action.
 */
export async function expectNothingWritten<T>(t: TestApp, cookies: string[], action: () => Promise<T>): Promise<T> {
  for (const cookie of cookies) await request(t.app, { method: 'GET', url: '/api/auth/session', cookie });
  return expectDatabaseUnchanged(t.database.db, action);
}
