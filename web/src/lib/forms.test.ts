import { describe, expect, it } from 'vitest';
import { safeRedirect } from './forms';

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
