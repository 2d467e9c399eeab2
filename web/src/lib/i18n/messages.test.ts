import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../messages/index';
import { fromAcceptLanguage, resolveLocale } from './locales';

const WEB = fileURLToPath(new URL('../../../', import.meta.url));
const SRC = join(WEB, 'src');

type Messages = { [key: string]: string | Messages };

function load(locale: keyof typeof MESSAGES): Messages {
  return MESSAGES[locale] as Messages;
}

function leaves(messages: Messages, prefix = ''): Map<string, string> {
  const found = new Map<string, string>();
  for (const [key, value] of Object.entries(messages)) {
    if (typeof value === 'string') found.set(`${prefix}${key}`, value);
    else for (const [k, v] of leaves(value, `${prefix}${key}.`)) found.set(k, v);
  }
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(svelte|ts)$/.test(name) && !name.endsWith('.test.ts') ? [path] : [];
  });
}

const locales = { az: leaves(load('az')), ru: leaves(load('ru')), en: leaves(load('en')) };
const keys = [...locales.az.keys()].sort();

describe('messages', () => {
  it.each(['ru', 'en'] as const)('%s has exactly the Azerbaijani keys', (locale) => {
    expect([...locales[locale].keys()].sort()).toEqual(keys);
  });

  it.each(Object.keys(locales) as (keyof typeof locales)[])('%s has no empty messages', (locale) => {
    const empty = [...locales[locale]].filter(([, value]) => value.trim() === '').map(([key]) => key);
    expect(empty).toEqual([]);
  });

  it('uses the same placeholders in every language', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();
    const mismatched = keys.filter((key) => {
      const expected = placeholders(locales.az.get(key)!);
      return (['ru', 'en'] as const).some(
        (l) => JSON.stringify(placeholders(locales[l].get(key)!)) !== JSON.stringify(expected),
      );
    });
    expect(mismatched).toEqual([]);
  });

  it('has a message for every key the source code uses', () => {
    const known = new Set(keys);
    const files = sourceFiles(SRC);
    const used = new Map<string, string>();
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      // t('key'), i18n.t("key"), t('key', { … }) and message keys typed as literals ('errors.x' as MessageKey).
      for (const match of text.matchAll(/\bt\(\s*(['"])([\w.-]+)\1/g)) used.set(match[2]!, relative(WEB, file));
      for (const match of text.matchAll(/(['"])([\w.-]+)\1\s+as\s+MessageKey/g))
        used.set(match[2]!, relative(WEB, file));
    }
    expect(used.size).toBeGreaterThan(50);
    const missing = [...used].filter(([key]) => !known.has(key)).map(([key, file]) => `${key} (${file})`);
    expect(missing).toEqual([]);
  });
});

describe('locale resolution', () => {
  it.each([
    [undefined, null, 'az'],
    [undefined, 'ru-RU,ru;q=0.9,en;q=0.8', 'ru'],
    [undefined, 'de-DE,de;q=0.9,en;q=0.5', 'en'],
    [undefined, 'en;q=0.4,az;q=0.8', 'az'],
    [undefined, 'fr, *;q=0.1', 'az'],
    ['en', 'ru', 'en'],
    ['xx', 'ru', 'ru'],
  ])('cookie %j with Accept-Language %j → %s', (cookie, header, expected) => {
    expect(resolveLocale(cookie, header)).toBe(expected);
  });

  it('ignores languages refused with q=0', () => {
    expect(fromAcceptLanguage('ru;q=0, en')).toBe('en');
  });
});
