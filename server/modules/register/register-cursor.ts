import { ValidationError } from '../../errors';
import type { KeysetPosition } from './register.repository';

/** The cursor is opaque to clients: base64url of the sort, the last row's sort value and id. */
export function encodeCursor(sort: string, position: KeysetPosition): string {
  return Buffer.from(JSON.stringify([sort, position.value, position.id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, sort: string): KeysetPosition {
  const invalid = () =>
    ValidationError.field('cursor', 'cursor.invalid', 'The cursor is not one this list gave, with this sort.');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 3 ||
    parsed[0] !== sort ||
    typeof parsed[1] !== 'string' ||
    parsed[1].length > 200 ||
    !Number.isSafeInteger(parsed[2]) ||
    (parsed[2] as number) < 0
  )
    throw invalid();
  return { value: parsed[1], id: parsed[2] as number };
}
