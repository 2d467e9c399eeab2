import { isHttpError } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { conflictMessage, failStatus, loadFailure, reasonStep, safeRedirect, type Refused } from './forms';
import type { MessageKey } from './i18n/translate';

const FALLBACK = '/account';

describe('safeRedirect', () => {
  it.each([
    ['/account', '/account'],
    ['/register?q=%D0%9D%D0%B8%D0%B3%D0%B0%D1%80', '/register?q=%D0%9D%D0%B8%D0%B3%D0%B0%D1%80'],
    ['/sittings/42?tab=rooms#seats', '/sittings/42?tab=rooms#seats'],
    ['/', '/'],
    ['/a//b', '/a//b'],
    ['/log?next=//evil.example', '/log?next=//evil.example'],
  ])('follows the same-origin path %j', (target, expected) => {
    expect(safeRedirect(target, FALLBACK)).toBe(expected);
  });

  it.each([
    ['nothing', null],
    ['an empty string', ''],
    ['an absolute URL', 'https://evil.example/x'],
    ['a scheme-relative URL', '//evil.example/x'],
    ['a backslash after the slash', '/\\evil.example/x'],
    ['a backslash later in the path', '/a\\..\\\\evil.example'],
    ['a tab between the slashes (the reported bug)', '/\t/evil.example/x'],
    ['a CR/LF between the slashes', '/\r\n/evil.example/x'],
    ['a NUL', '/\u0000/evil.example'],
    ['a DEL', '/\u007f/evil.example'],
    ['a space', '/ /evil.example'],
    ['a tab percent-encoded once more', '/%09/evil.example/x'],
    ['a newline percent-encoded once more', '/%0a/evil.example/x'],
    ['an encoded slash making //', '/%2Fevil.example/x'],
    ['an encoded backslash', '/%5Cevil.example/x'],
    ['a non-ASCII character', '/аccount'],
    ['an encoded non-ASCII character in the path', '/%D0%B0ccount'],
    ['a broken percent escape', '/%E0%A4%A'],
    ['a relative path', 'account'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['a data: URL', 'data:text/html,hi'],
    ['a full-width solidus', '/\uff0fevil.example'],
  ])('refuses %s and goes to the fallback', (_name, target) => {
    expect(safeRedirect(target, FALLBACK)).toBe(FALLBACK);
  });

  it('falls back to the home page when no fallback is given', () => {
    expect(safeRedirect('//evil.example')).toBe('/');
  });
});

/** What `loadFailure` threw: the page's status and message (and `busy`, when it says so). */
function thrownBy(refused: Refused, notFound?: string): { status: number; message: string; busy?: boolean } {
  try {
    loadFailure(refused, notFound);
  } catch (thrown) {
    if (isHttpError(thrown)) return { ...thrown.body, status: thrown.status };
    throw thrown;
  }
  throw new Error('loadFailure returned');
}

const refused = (status: number): Refused => ({ status, error: { code: 'X', message: `api ${status}` } });

describe('loadFailure', () => {
  it.each([
    [400, 400],
    [401, 401],
    [403, 403],
    [404, 404],
    [409, 409],
    [500, 503],
    [502, 503],
    [503, 503],
  ])('ends the page with the API status %i as %i and the API message', (status, expected) => {
    expect(thrownBy(refused(status))).toEqual({ status: expected, message: `api ${status}` });
  });

  it.each([400, 404])("makes a %i the page's 404 with its own message when the address names a record", (status) => {
    expect(thrownBy(refused(status), 'No such ticket')).toEqual({ status: 404, message: 'No such ticket' });
  });

  it.each([
    [403, 403],
    [409, 409],
    [500, 503],
  ])('leaves %i as %i with the API message when the address names a record', (status, expected) => {
    expect(thrownBy(refused(status), 'No such ticket')).toEqual({ status: expected, message: `api ${status}` });
  });

  it('marks a read the API turned away under load (503 BUSY) as busy, so the page asks to try again shortly', () => {
    const busy: Refused = { status: 503, error: { code: 'BUSY', message: 'busy' } };
    expect(thrownBy(busy)).toEqual({ status: 503, message: 'busy', busy: true });
    expect(thrownBy(busy, 'No such ticket')).toEqual({ status: 503, message: 'busy', busy: true });
    expect(thrownBy(refused(503))).not.toHaveProperty('busy');
  });
});

describe('failStatus', () => {
  it.each([
    [400, 400],
    [409, 409],
    [503, 503],
    [0, 400],
    [302, 400],
    [600, 400],
  ])('answers a refusal with status %i as %i', (status, expected) => {
    expect(failStatus(status)).toBe(expected);
  });
});

describe('conflictMessage', () => {
  const messages: Record<string, MessageKey> = { 'sitting.over': 'sittings.conflicts.sitting_over' as MessageKey };

  it('gives the wording of the first conflict the page knows', () => {
    const error = {
      code: 'CONFLICT',
      message: 'no',
      fields: [
        { field: 'roomId', code: 'required', message: 'needed' },
        { field: 'sittingId', code: 'sitting.over', message: 'over' },
      ],
    };
    expect(conflictMessage(error, messages)).toBe('sittings.conflicts.sitting_over');
  });

  it('gives nothing when no problem is one the page knows, or there are none', () => {
    expect(
      conflictMessage({ code: 'X', message: 'x', fields: [{ field: 'a', code: 'b', message: 'c' }] }, messages),
    ).toBeUndefined();
    expect(conflictMessage({ code: 'X', message: 'x' }, messages)).toBeUndefined();
  });
});

describe('reasonStep', () => {
  const posted = (fields: Record<string, string>) => {
    const body = new FormData();
    for (const [name, value] of Object.entries(fields)) body.set(name, value);
    return new Request('http://localhost/', { method: 'POST', body });
  };

  it('goes on to the confirmation with the record and the reason trimmed', async () => {
    const step = await reasonStep(posted({ attemptId: 'a1', reason: '  seen copying  ' }), 'annul', 'attemptId');
    expect(step).toEqual({ kind: 'confirm-annul', values: { attemptId: 'a1', reason: 'seen copying' } });
  });

  it.each([
    ['', 'required'],
    ['  ', 'required'],
    ['ab', 'minLength'],
    ['x'.repeat(1001), 'maxLength'],
  ])('refuses the reason %j as %s, keeping what was typed', async (reason, code) => {
    const step = await reasonStep(posted({ attemptId: 'a1', reason }), 'release', 'attemptId');
    expect(step).toMatchObject({
      status: 400,
      data: { kind: 'release', values: { attemptId: 'a1', reason }, errors: { reason: code }, message: undefined },
    });
  });
});
