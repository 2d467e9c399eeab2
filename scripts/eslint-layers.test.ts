import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The layer rules of eslint.config.js can fail: each row lints one snippet as if written in the file
 * named, with only the layer rules on (and no type information, so the file need not exist).
 */
const LAYER_RULES = ['no-restricted-imports', 'no-restricted-globals', 'no-restricted-syntax'];
const eslint = new ESLint({
  overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
  ruleFilter: ({ ruleId }) => LAYER_RULES.includes(ruleId),
});

async function refusedCode(file: string, code: string): Promise<boolean> {
  const [result] = await eslint.lintText(code, { filePath: file });
  return result!.messages.some((m) => m.ruleId !== null && LAYER_RULES.includes(m.ruleId));
}

async function refused(file: string, from: string): Promise<boolean> {
  return refusedCode(file, `import type { X } from '${from}';\nexport type Y = X;\n`);
}

describe('layer rules', () => {
  it.each([
    ['db/schema/new.ts', '../../server/core/question', true],
    ['db/schema/new.ts', '../../server/modules/register/register.types', true],
    ['db/new.ts', '../web/src/lib/api/client', true],
    ['db/schema/new.ts', '../domain/question', false],
    ['db/schema/new.ts', 'drizzle-orm/pg-core', false],
    ['db/domain/new.ts', '../index', true],
    ['db/domain/new.ts', '@sinclair/typebox', true],
    ['db/domain/new.ts', './question', false],
    ['server/core/new.ts', 'node:fs', true],
    ['server/core/new.ts', 'fs/promises', true],
    ['server/core/new.ts', 'node:child_process', true],
    ['server/core/new.ts', 'postgres', true],
    ['server/core/new.ts', '@electric-sql/pglite', true],
    ['server/core/new.ts', 'drizzle-orm', true],
    ['server/core/new.ts', 'fastify', true],
    ['server/core/new.ts', '../../db/index', true],
    ['server/core/new.ts', '../../db/client', true],
    ['server/core/new.ts', '../config', true],
    ['server/core/paper/new.ts', '../../modules/attempts/attempts.service', true],
    ['server/core/paper/new.ts', '../../plugins/auth', true],
    ['server/core/new.ts', '../../db/domain/question', false],
    ['server/core/paper/new.ts', '../../../db/domain/paper', false],
    ['server/core/paper/new.ts', '../blueprint', false],
    ['server/core/new.ts', 'node:crypto', false],
  ])('%s importing %s is refused: %s', async (file, from, expected) => {
    expect(await refused(file, from)).toBe(expected);
  });

  it.each([
    ['server/core/new.ts', 'export const now = () => Date.now();', true],
    ['server/core/new.ts', 'export const now = () => new Date();', true],
    ['server/core/new.ts', 'export const at = (ms: number) => new Date(ms);', false],
    ['server/core/new.ts', 'export const pick = () => Math.random();', true],
    ['server/core/paper/new.ts', "import { randomBytes } from 'node:crypto';\nexport const r = randomBytes;", true],
    ['server/core/new.ts', "import { createHash } from 'node:crypto';\nexport const h = createHash;", false],
    ['server/core/new.ts', 'export const env = () => process.env.SECRET;', true],
    ['server/core/new.test.ts', 'export const started = performance.now();', false],
    ['server/modules/new.ts', 'export const now = () => Date.now();', false],
    ['server/modules/new/new.service.ts', 'export const f = (db: any) => db.transaction(async () => 1);', true],
    ['server/modules/new/new.repository.ts', 'export const find = (id: string, tx: unknown) => [id, tx];', true],
    ['server/modules/new/new.repository.ts', 'export function find(id: string, tx = null) { return [id, tx]; }', true],
    ['server/modules/new/new.service.ts', 'export const f = (db: any) => transaction(db, async () => 1);', false],
  ])('%s with `%s` is refused: %s', async (file, code, expected) => {
    expect(await refusedCode(file, code)).toBe(expected);
  });
});
