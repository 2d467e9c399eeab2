/**
 * What the factories keep between calls (counters, a computed hash), started again before each test file
 * (tests/helpers/factories.setup.ts). The integration files share their worker's loaded modules, so without it a
 * file's counters went on from the files run before it in that worker, and the codes made from them crossed into
 * more digits: a round's vacancies (`V-9-…`, `V-10-…`), which the API lists by code, came back in another order
 * than they were made, and applications.test.ts failed in clean full runs only. Each file starts where it would
 * with a module graph of its own.
 */
const resets: (() => void)[] = [];

/** Registers how a factory module starts again; called once, as the module loads. */
export function startsEachFile(reset: () => void): void {
  resets.push(reset);
}

export function startFactoriesAgain(): void {
  for (const reset of resets) reset();
}
