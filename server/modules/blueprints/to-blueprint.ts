import type { BlueprintRow } from '../../../db/schema/index';
import type { Blueprint } from '../../core/blueprint';

/** The blueprint a stored row holds, without the row's bookkeeping (id, revision, author, dates). */
export function toBlueprint(row: BlueprintRow): Blueprint {
  return {
    name: row.name,
    language: row.language,
    durationMinutes: row.durationMinutes,
    passMark: row.passMark,
    scoring: row.scoring,
    sections: row.sections,
  };
}
