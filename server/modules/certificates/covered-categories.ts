import type { Category } from '../../../db/schema/index';

/**
 * The subgroups a certificate for `code` covers: its own and those ranked below it in the same group
 * (a higher rank number), highest first. A group itself is never certified, so it covers nothing more.
 */
export function coveredCategories(all: readonly Category[], code: string): Category[] {
  const own = all.find((c) => c.code === code);
  if (!own) return [];
  if (own.parentCode === null) return [own];
  return all
    .filter((c) => c.parentCode === own.parentCode && c.rank >= own.rank)
    .sort((a, b) => a.rank - b.rank || a.position - b.position);
}
