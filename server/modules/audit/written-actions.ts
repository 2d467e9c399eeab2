import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/** An audit action or object kind named in the server's source, and where. */
export interface WrittenName {
  name: string;
  kind: 'action' | 'targetType';
  file: string;
  line: number;
}

/** Every `.ts` file under `dir`, tests left out. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** The string literals an expression can evaluate to: a literal, either branch of `? :`, `(…)`, `… as const`. */
function literals(node: ts.Node | undefined): ts.StringLiteralLike[] {
  if (!node) return [];
  if (ts.isStringLiteralLike(node)) return [node];
  if (ts.isConditionalExpression(node)) return [...literals(node.whenTrue), ...literals(node.whenFalse)];
  if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node)) {
    return literals(node.expression);
  }
  if (ts.isLiteralTypeNode(node)) return literals(node.literal);
  if (ts.isUnionTypeNode(node)) return node.types.flatMap(literals);
  return [];
}

const propertyName = (node: ts.ObjectLiteralElementLike) =>
  (ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node)) &&
  (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name))
    ? node.name.text
    : '';

/**
 * The audit actions and object kinds the server writes, read from its syntax (no type checking, so it is fast):
 * - the `action` and `targetType` of an object literal passed to an `append(…)` together with an `actorId`
 *   (the audit repository's event), whether a literal, a choice of literals, or a local constant holding them;
 * - the literals passed to a helper at its parameter named `action` or `targetType`, a local one
 *   (`transition(…, 'question.submitted')`) or one exported for every module (`auditEvent(actor, 'round.created',
 *   'round', …)`), or declared as that parameter's literal type.
 * The type of `AuditEvent.action` catches the rest at `npm run check`; this is the net that `vitest` casts.
 */
export function writtenAuditNames(serverDir: string, root: string): WrittenName[] {
  const found: WrittenName[] = [];
  const sources = sourceFiles(serverDir)
    .map((path) => ({ path, text: readFileSync(path, 'utf8') }))
    .filter(({ text }) => text.includes('append('))
    .map(({ path, text }) => ({ path, text, source: ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true) }));
  const everything = sources.map(({ text }) => text).join('\n');
  /** The helpers a file exports, called from any file: `name:action` / `name:targetType` → the parameter's position. */
  const exported = new Map<string, number>();
  const exportedHelper = (node: ts.Node) => {
    if (!ts.isFunctionDeclaration(node) || !node.name) return;
    if (!ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) return;
    if (!everything.includes(`append(${node.name.text}(`)) return;
    for (const kind of ['action', 'targetType'] as const) {
      const index = node.parameters.findIndex((p) => ts.isIdentifier(p.name) && p.name.text === kind);
      if (index >= 0) exported.set(`${node.name.text}:${kind}`, index);
    }
  };
  for (const { source } of sources) ts.forEachChild(source, exportedHelper);

  for (const { path, text, source } of sources) {
    const file = relative(root, path);
    const add = (kind: WrittenName['kind'], nodes: ts.StringLiteralLike[]) => {
      for (const node of nodes) {
        const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
        found.push({ name: node.text, kind, file, line });
      }
    };
    const constants = new Map<string, ts.Expression>();
    /** `name:action` / `name:targetType` → the position of that parameter in a local helper. */
    const helpers = new Map<string, number>(exported);
    const calls: ts.CallExpression[] = [];

    const visit = (node: ts.Node) => {
      if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
        constants.set(node.name.text, node.initializer);
      }
      if (ts.isFunctionDeclaration(node) || ts.isArrowFunction(node) || ts.isFunctionExpression(node)) {
        const name =
          node.name && ts.isIdentifier(node.name)
            ? node.name.text
            : ts.isVariableDeclaration(node.parent) && ts.isIdentifier(node.parent.name)
              ? node.parent.name.text
              : undefined;
        // A helper that writes the audit itself, or builds the event an `append(helper(…))` writes.
        const body = node.body?.getText(source) ?? '';
        const writes = body.includes('audit.append(') || (name !== undefined && text.includes(`append(${name}(`));
        for (const kind of ['action', 'targetType'] as const) {
          const index = node.parameters.findIndex((p) => ts.isIdentifier(p.name) && p.name.text === kind);
          if (index < 0 || !name || !writes) continue;
          helpers.set(`${name}:${kind}`, index);
          add(kind, literals(node.parameters[index]!.type));
        }
      }
      if (ts.isCallExpression(node)) calls.push(node);
      ts.forEachChild(node, visit);
    };
    visit(source);

    const resolve = (expression: ts.Expression | undefined) =>
      expression && ts.isIdentifier(expression) ? literals(constants.get(expression.text)) : literals(expression);

    for (const call of calls) {
      const callee = call.expression;
      const calleeName = ts.isIdentifier(callee)
        ? callee.text
        : ts.isPropertyAccessExpression(callee)
          ? callee.name.text
          : '';
      const event = call.arguments[0];
      if (calleeName === 'append' && event && ts.isObjectLiteralExpression(event)) {
        const properties = new Map(event.properties.map((p) => [propertyName(p), p]));
        if (!properties.has('actorId')) continue;
        for (const kind of ['action', 'targetType'] as const) {
          const property = properties.get(kind);
          if (property && ts.isPropertyAssignment(property)) add(kind, resolve(property.initializer));
          if (property && ts.isShorthandPropertyAssignment(property)) add(kind, resolve(property.name));
        }
      }
      for (const kind of ['action', 'targetType'] as const) {
        const index = helpers.get(`${calleeName}:${kind}`);
        if (index !== undefined) add(kind, resolve(call.arguments[index]));
      }
    }
  }
  return found;
}
