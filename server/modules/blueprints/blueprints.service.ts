import type { Clock } from '../../clock';
import type { Db } from '../../../db/index';
import { transaction } from '../../../db/transaction';
import type { BlueprintRow } from '../../../db/schema/index';
import type { Blueprint } from '../../core/blueprint';
import {
  blueprintProblems,
  checkFeasibility,
  generatePaper,
  InfeasibleBlueprintError,
  type Paper,
} from '../../core/paper/index';
import type { Language } from '../../core/question';
import { ConflictError, NotFoundError, ValidationError } from '../../errors';
import { auditEvent, type AuditRepository } from '../audit/audit.repository';
import { candidateView } from '../questions/candidate-view';
import type { QuestionsService } from '../questions/questions.service';
import type { Actor } from '../../actor';
import type { BlueprintsRepository } from './blueprints.repository';
import { toBlueprint } from './to-blueprint';

function view(row: BlueprintRow) {
  return {
    id: row.id,
    ...toBlueprint(row),
    description: row.description,
    revision: row.revision,
    archived: row.archived,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function createBlueprintsService(deps: {
  db: Db;
  clock: Clock;
  repository: BlueprintsRepository;
  /** The bank's pool of approved items, to check a blueprint can be filled (the questions service). */
  questions: Pick<QuestionsService, 'pool'>;
  audit: AuditRepository;
}) {
  const { db, clock, repository, questions, audit } = deps;

  function check(blueprint: Blueprint): void {
    const problems = blueprintProblems(blueprint);
    if (problems.length)
      throw new ValidationError(problems.map((p) => ({ field: p.path, code: p.code, message: p.message })));
  }

  async function mustFind(id: string): Promise<BlueprintRow> {
    const row = await repository.find(id);
    if (!row) throw new NotFoundError('No such blueprint.');
    return row;
  }

  return {
    async list(includeArchived: boolean) {
      return (await repository.list(includeArchived)).map(view);
    },

    async get(id: string) {
      return view(await mustFind(id));
    },

    async create(actor: Actor, input: Blueprint & { description?: string | undefined }) {
      check(input);
      const now = clock();
      const row = await transaction(db, async () => {
        const created = await repository.insert({
          ...input,
          description: input.description ?? null,
          createdBy: actor.id!,
          createdAt: now,
          updatedAt: now,
        });
        await audit.append(auditEvent(actor, 'blueprint.created', 'blueprint', created.id), now);
        return created;
      });
      return view(row);
    },

    async update(actor: Actor, id: string, input: Blueprint & { description?: string | undefined }) {
      check(input);
      const now = clock();
      const row = await transaction(db, async () => {
        const current = await repository.find(id);
        if (!current) throw new NotFoundError('No such blueprint.');
        const updated = await repository.update(id, {
          ...input,
          description: input.description ?? null,
          revision: current.revision + 1,
          updatedAt: now,
        });
        await audit.append(
          auditEvent(actor, 'blueprint.updated', 'blueprint', id, { revision: current.revision + 1 }),
          now,
        );
        return updated!;
      });
      return view(row);
    },

    async setArchived(actor: Actor, id: string, archived: boolean) {
      const now = clock();
      const row = await transaction(db, async () => {
        const updated = await repository.update(id, { archived, updatedAt: now });
        if (!updated) throw new NotFoundError('No such blueprint.');
        await audit.append(
          auditEvent(actor, archived ? 'blueprint.archived' : 'blueprint.restored', 'blueprint', id),
          now,
        );
        return updated;
      });
      return view(row);
    },

    /** Per section and language: are there enough approved questions to draw a paper? */
    async feasibility(id: string, languages?: Language[]) {
      const blueprint = toBlueprint(await mustFind(id));
      return checkFeasibility(blueprint, await questions.pool(), languages);
    },

    /** Draws the paper a given seed yields, with texts and keys, for examiners to inspect. */
    async preview(id: string, seed: string) {
      const blueprint = toBlueprint(await mustFind(id));
      const pool = await questions.pool();
      const byVersion = new Map(pool.map((item) => [item.versionId, item]));
      let paper: Paper;
      try {
        paper = generatePaper(blueprint, pool, seed);
      } catch (error) {
        if (!(error instanceof InfeasibleBlueprintError)) throw error;
        throw new ConflictError(
          error.shortfalls.map((s) => ({
            field: `sections.${s.section}`,
            code: 'not_enough_questions',
            message: `Section ${s.section + 1} needs ${s.required} ${s.difficulty} question(s) in ${error.language}; ${s.available} approved.`,
          })),
        );
      }
      return {
        seed,
        language: blueprint.language,
        sections: paper.sections.map((section) => ({
          index: section.index,
          title: blueprint.sections[section.index]!.title,
          items: section.items.map((item) => {
            const source = byVersion.get(item.versionId)!;
            const shown = candidateView(source.content, blueprint.language);
            const options = item.optionOrder.map((optionId) => shown.options.find((o) => o.id === optionId)!);
            return {
              questionId: item.questionId,
              versionId: item.versionId,
              version: source.version,
              difficulty: source.difficulty,
              topic: source.topic,
              type: shown.type,
              text: shown.text,
              options,
              key: source.key,
            };
          }),
        })),
      };
    },
  };
}

export type BlueprintsService = ReturnType<typeof createBlueprintsService>;
