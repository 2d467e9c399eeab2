import { eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../../../db/index';
import { executor } from '../../../db/transaction';
import {
  agencies,
  appeals,
  applications,
  attempts,
  blueprints,
  bookings,
  competitionRounds,
  questions,
  sittings,
  topics,
  users,
  vacancies,
} from '../../../db/schema/index';
import type { Language } from '../../../db/domain/question';
import type { AuditTargetType } from './audit-actions';

/** An audited object as a person reads it: its name, and the object whose page shows it (a vacancy's round). */
export interface TargetName {
  name: string;
  parentId: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A localised jsonb name in the reader's language, falling back through the others. */
const localised = (column: PgColumn, language: Language) =>
  sql<string>`coalesce(${column}->>${language}, ${column}->>'az', ${column}->>'en', ${column}->>'ru', '')`;

/** `%text%` for ILIKE, with the pattern's own wildcards taken literally. */
export const containing = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

interface Resolver {
  /** Names of the given ids (uuids only), keyed by id. */
  names(db: Db, ids: string[], language: Language): Promise<Map<string, TargetName>>;
  /** A subquery of the ids (as text) whose name contains `text`, for searching the log by an object's name. */
  matching(text: string): SQL;
}

type Row = { id: string; name: string | null; parentId: string | null };
const toMap = (rows: Row[]) =>
  new Map(rows.filter((r) => r.name).map((r) => [r.id, { name: r.name!, parentId: r.parentId }]));

/** Reads `name` (and the parent) of a table's rows by id; searches by the same name. */
function byTable(
  table: Parameters<ReturnType<Db['select']>['from']>[0],
  id: PgColumn,
  name: (language: Language) => SQL<string> | PgColumn,
  options: { parent?: PgColumn; join?: (q: SQL) => SQL; searchable?: PgColumn[] } = {},
): Resolver {
  return {
    async names(db, ids, language) {
      const rows = await executor(db)
        .select({
          id: sql<string>`${id}::text`,
          name: sql<string | null>`${name(language)}`,
          parentId: options.parent ? sql<string | null>`${options.parent}::text` : sql<null>`null`,
        })
        .from(table)
        .where(inArray(id, ids));
      return toMap(rows);
    },
    matching(text) {
      const columns = options.searchable ?? [];
      const condition = columns.length
        ? or(...columns.map((c) => ilike(c, containing(text))))!
        : sql`${name('az')} ilike ${containing(text)}`;
      return sql`select ${id}::text from ${table} where ${condition}`;
    },
  };
}

/** An object named after its holder (a booking, an attempt, an appeal): the person's name and a code. */
function byHolder(
  table: typeof bookings | typeof attempts | typeof appeals | typeof applications,
  label: SQL<string>,
  parent: PgColumn | null,
): Resolver {
  return {
    async names(db, ids, _language) {
      const rows = await executor(db)
        .select({
          id: sql<string>`${table.id}::text`,
          name: sql<string | null>`${users.fullName} || ' · ' || ${label}`,
          parentId: parent ? sql<string | null>`${parent}::text` : sql<null>`null`,
        })
        .from(table)
        .innerJoin(users, eq(users.id, table.userId))
        .where(inArray(table.id, ids));
      return toMap(rows);
    },
    matching(text) {
      return sql`select ${table.id}::text from ${table} join ${users} on ${users.id} = ${table.userId}
        where ${users.fullName} ilike ${containing(text)} or ${users.email} ilike ${containing(text)}`;
    },
  };
}

const RESOLVERS: Partial<Record<AuditTargetType, Resolver>> = {
  user: byTable(users, users.id, () => users.fullName, { searchable: [users.fullName, users.email] }),
  sitting: byTable(sittings, sittings.id, () => sittings.code, { searchable: [sittings.code] }),
  blueprint: byTable(blueprints, blueprints.id, () => blueprints.name, { searchable: [blueprints.name] }),
  question: byTable(
    questions,
    questions.id,
    () => sql<string>`coalesce(${questions.externalId}, '#' || ${questions.seq})`,
    {
      searchable: [questions.externalId],
    },
  ),
  agency: byTable(
    agencies,
    agencies.id,
    (l) => sql<string>`${agencies.code} || ' · ' || ${localised(agencies.name, l)}`,
    {
      searchable: [agencies.code],
    },
  ),
  round: byTable(
    competitionRounds,
    competitionRounds.id,
    (l) => sql<string>`${competitionRounds.code} || ' · ' || ${localised(competitionRounds.title, l)}`,
    { searchable: [competitionRounds.code] },
  ),
  vacancy: byTable(vacancies, vacancies.id, () => vacancies.code, {
    parent: vacancies.roundId,
    searchable: [vacancies.code],
  }),
  booking: byHolder(bookings, sql<string>`${bookings.candidateCode}`, bookings.sittingId),
  attempt: byHolder(attempts, sql<string>`${attempts.sittingId}::text`, attempts.sittingId),
  appeal: byHolder(appeals, sql<string>`${appeals.status}`, null),
  application: byHolder(applications, sql<string>`${applications.candidateCode}`, applications.vacancyId),
};

/** Topics are keyed by a text slug, not a uuid. */
const topicNames = async (db: Db, ids: string[], language: Language) =>
  toMap(
    await executor(db)
      .select({ id: topics.id, name: localised(topics.name, language), parentId: sql<null>`null` })
      .from(topics)
      .where(inArray(topics.id, ids)),
  );

/** Reads the human names of the objects a page of log entries names: one query per kind of object present. */
export function createAuditTargetsRepository(db: Db) {
  return {
    async names(
      targets: { type: string | null; id: string | null }[],
      language: Language,
    ): Promise<Map<string, TargetName>> {
      const byType = new Map<string, Set<string>>();
      for (const { type, id } of targets) {
        if (!type || !id) continue;
        if (!byType.has(type)) byType.set(type, new Set());
        byType.get(type)!.add(id);
      }
      const out = new Map<string, TargetName>();
      for (const [type, idSet] of byType) {
        const ids = [...idSet];
        let found: Map<string, TargetName> | undefined;
        if (type === 'topic') found = await topicNames(db, ids, language);
        else {
          const resolver = RESOLVERS[type as AuditTargetType];
          const uuids = ids.filter((id) => UUID.test(id));
          if (resolver && uuids.length) found = await resolver.names(db, uuids, language);
        }
        for (const [id, name] of found ?? []) out.set(`${type}:${id}`, name);
      }
      return out;
    },

    /** The ids (as text) of objects of `type` whose name contains `text`; null when that kind has no names. */
    matching(type: string, text: string): SQL | null {
      if (type === 'topic')
        return sql`select ${topics.id} from ${topics} where ${topics.name}::text ilike ${containing(text)}`;
      return RESOLVERS[type as AuditTargetType]?.matching(text) ?? null;
    },
  };
}

export type AuditTargetsRepository = ReturnType<typeof createAuditTargetsRepository>;
export const targetKey = (type: string | null, id: string | null) => `${type}:${id}`;
