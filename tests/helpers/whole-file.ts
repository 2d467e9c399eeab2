import { readFileSync, renameSync, writeFileSync } from 'node:fs';

/**
 * Files that one process writes and another waits for (a seeded demo's outcome, a shared database's, a server's
 * clock, a dump): written beside and renamed over, so a reader never sees half of one.
 */
export function writeWhole(file: string, data: string | Buffer): void {
  writeFileSync(`${file}.next`, data);
  renameSync(`${file}.next`, file);
}

/** The text of `file` once another process has written it (`writeWhole`); fails after `timeoutMs`, saying `what`. */
export async function readOnceWritten(file: string, timeoutMs: number, what: string): Promise<string> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      return readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    if (Date.now() > until) throw new Error(`${what} was not ready within ${timeoutMs / 1000} s (${file})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
