import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, AUDIT_TARGET_TYPES, auditActionLabelKey } from './audit-actions';
import { writtenAuditNames } from './written-actions';

const ROOT = resolve(import.meta.dirname, '../../..');
const LANGUAGES = ['az', 'ru', 'en'] as const;
const labelsFile = (language: string) => `web/messages/audit/${language}.json`;
const labels = Object.fromEntries(
  LANGUAGES.map((l) => [
    l,
    JSON.parse(readFileSync(join(ROOT, labelsFile(l)), 'utf8')) as Record<string, Record<string, string>>,
  ]),
);
const listed = new Set<string>(AUDIT_ACTIONS);
const listedTypes = new Set<string>(AUDIT_TARGET_TYPES);

describe('every audit action the server writes is listed and labelled in az, ru and en', () => {
  const written = writtenAuditNames(join(ROOT, 'server'), ROOT);

  it('finds the writers (the scan reads the source)', () => {
    expect(written.filter((w) => w.kind === 'action').length).toBeGreaterThan(50);
  });

  it('lists each action and kind of object once (the filter refuses a list with repeats)', () => {
    const repeated = (list: readonly string[]) => list.filter((name, i) => list.indexOf(name) !== i);
    expect(repeated(AUDIT_ACTIONS), 'remove the repeats from AUDIT_ACTIONS').toEqual([]);
    expect(repeated(AUDIT_TARGET_TYPES), 'remove the repeats from AUDIT_TARGET_TYPES').toEqual([]);
  });

  it('lists every action written', () => {
    const unlisted = written.filter((w) => w.kind === 'action' && !listed.has(w.name));
    const how = unlisted.map(
      (w) =>
        `${w.file}:${w.line} writes the audit action '${w.name}': add '${w.name}' to AUDIT_ACTIONS in ` +
        `server/modules/audit/audit-actions.ts, and its label "${auditActionLabelKey(w.name)}" under "actions" in ` +
        LANGUAGES.map(labelsFile).join(', '),
    );
    expect(how).toEqual([]);
  });

  it('lists every kind of object written', () => {
    const unlisted = written.filter((w) => w.kind === 'targetType' && !listedTypes.has(w.name));
    const how = unlisted.map(
      (w) =>
        `${w.file}:${w.line} names the object kind '${w.name}': add it to AUDIT_TARGET_TYPES in ` +
        `server/modules/audit/audit-actions.ts, and its label "${w.name}" under "targets" in ` +
        LANGUAGES.map(labelsFile).join(', '),
    );
    expect(how).toEqual([]);
  });

  it.each(LANGUAGES)('labels every action and kind of object in %s', (language) => {
    const file = labelsFile(language);
    const missing = [
      ...AUDIT_ACTIONS.filter((a) => !labels[language]!.actions?.[auditActionLabelKey(a)]?.trim()).map(
        (a) => `add "${auditActionLabelKey(a)}": "<label of ${a}>" under "actions" in ${file}`,
      ),
      ...AUDIT_TARGET_TYPES.filter((t) => !labels[language]!.targets?.[t]?.trim()).map(
        (t) => `add "${t}": "<label of ${t}>" under "targets" in ${file}`,
      ),
    ];
    expect(missing).toEqual([]);
  });
});

describe('the scan of written names', () => {
  it('reads literals, choices, constants and helpers, and only audit events', () => {
    const dir = mkdtempSync(join(tmpdir(), 'audit-scan-'));
    writeFileSync(
      join(dir, 'fixture.service.ts'),
      `
      async function a(audit, ok) {
        await audit.append({ actorId: null, action: 'one.literal', targetType: 'thing' }, now);
        await audit.append({ actorId: null, action: ok ? 'two.yes' : 'two.no' }, now);
        const action = ok ? 'three.yes' : ('three.no' as const);
        await audit.append({ actorId: null, action }, now);
        await log.append({ kind: 'x', action: 'not.audit' });
        await repository.insertReview({ actorId: 1, action: 'not.review' }.x);
      }
      const entry = (actor, action: string, targetType: string) => ({ actorId: actor.id, action, targetType });
      async function b(audit) { await audit.append(entry(actor, 'four.helper', 'other'), now); }
      async function lockout(action: 'five.a' | 'five.b') { await audit.append({ actorId: null, action }, now); }
      const trail = (action: 'six.not-audit') => repository.insertReview({ action });
      trail('six.not-audit');
      `,
    );
    writeFileSync(join(dir, 'ignored.test.ts'), `audit.append({ actorId: null, action: 'seven.test' });`);
    const names = writtenAuditNames(dir, dir).map((w) => `${w.kind}:${w.name}`);
    expect([...new Set(names)].sort()).toEqual(
      [
        'action:one.literal',
        'targetType:thing',
        'action:two.yes',
        'action:two.no',
        'action:three.yes',
        'action:three.no',
        'action:four.helper',
        'targetType:other',
        'action:five.a',
        'action:five.b',
      ].sort(),
    );
  });
});
