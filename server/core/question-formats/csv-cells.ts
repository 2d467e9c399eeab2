/**
 * Cell-level rules of the CSV format.
 *
 * Lists: values in one cell are separated by `|`; a `|` or `\` inside a value is written `\|` or `\\`. Any other
 * backslash is literal, so hand-typed text such as `C:\docs` reads as written.
 *
 * Formulas: a spreadsheet treats a cell starting with `=`, `+`, `-` or `@` as a formula, which is how exported
 * files are turned into attacks (OWASP "CSV injection"). Such cells are written with a leading `'`, which
 * spreadsheets hide, and the `'` is removed on reading. A value that itself starts with `'` gets one more, so
 * every value survives the trip.
 */

const FORMULA_START = /^[=+\-@\t\r']/;

export function protectCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export function unprotectCell(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;
}

export function joinList(values: readonly string[]): string {
  return values.map((value) => value.replace(/[\\|]/g, (char) => `\\${char}`)).join('|');
}

/** The values of a list cell, each trimmed. Empty positions are kept: accepted answers are aligned by position. */
export function splitList(cell: string): string[] {
  if (cell.trim() === '') return [];
  const values: string[] = [];
  let value = '';
  for (let i = 0; i < cell.length; i++) {
    const char = cell[i];
    const next = cell[i + 1];
    if (char === '\\' && (next === '\\' || next === '|')) {
      value += next;
      i++;
    } else if (char === '|') {
      values.push(value.trim());
      value = '';
    } else {
      value += char;
    }
  }
  values.push(value.trim());
  return values;
}
