import type { Clock } from '../../clock';
import type { Db } from '../../../db/index';
import { transaction } from '../../../db/transaction';
import { uniqueViolation } from '../../../db/errors';
import type { Agency } from '../../../db/schema/index';
import { ConflictError, NotFoundError } from '../../errors';
import { conflict } from '../../errors';
import { auditEvent, type AuditRepository } from '../audit/audit.repository';
import type { Actor } from '../../actor';
import type { AgenciesRepository } from './agencies.repository';
import type { AgencyBody, AgencyView } from './agencies.schemas';

const CODE_TAKEN = { field: 'code', code: 'taken', message: 'An agency with this code already exists.' };

export function agencyView(agency: Agency): AgencyView {
  return {
    id: agency.id,
    code: agency.code,
    name: agency.name,
    createdAt: agency.createdAt.toISOString(),
    updatedAt: agency.updatedAt.toISOString(),
  };
}

/** The state bodies that hire: the administrator keeps the list. Every change audited. */
export function createAgenciesService(deps: {
  db: Db;
  clock: Clock;
  repository: AgenciesRepository;
  audit: AuditRepository;
}) {
  const { db, clock, repository, audit } = deps;

  async function write<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await transaction(db, work);
    } catch (error) {
      if (uniqueViolation(error) === 'agencies_code_key') throw new ConflictError([CODE_TAKEN]);
      throw error;
    }
  }

  return {
    async list(): Promise<AgencyView[]> {
      return (await repository.list()).map(agencyView);
    },

    async create(actor: Actor, input: AgencyBody): Promise<AgencyView> {
      const now = clock();
      const created = await write(async () => {
        const agency = await repository.insert({ code: input.code, name: input.name, createdAt: now, updatedAt: now });
        await audit.append(auditEvent(actor, 'agency.created', 'agency', agency.id, { code: agency.code }), now);
        return agency;
      });
      return agencyView(created);
    },

    async update(actor: Actor, id: string, input: AgencyBody): Promise<AgencyView> {
      const now = clock();
      const updated = await write(async () => {
        const agency = await repository.update(id, { code: input.code, name: input.name, updatedAt: now });
        if (!agency) throw new NotFoundError('No such agency.');
        await audit.append(auditEvent(actor, 'agency.updated', 'agency', id, { code: agency.code }), now);
        return agency;
      });
      return agencyView(updated);
    },

    /** Only an agency no vacancy names: an announced vacancy keeps its agency forever. */
    async remove(actor: Actor, id: string): Promise<void> {
      const now = clock();
      await transaction(db, async () => {
        const agency = await repository.find(id);
        if (!agency) throw new NotFoundError('No such agency.');
        if (await repository.inUse(id))
          throw conflict('id', 'agency.in_use', 'Vacancies name this agency; it cannot be removed.');
        await repository.remove(id);
        await audit.append(auditEvent(actor, 'agency.removed', 'agency', id, { code: agency.code }), now);
      });
    },
  };
}

export type AgenciesService = ReturnType<typeof createAgenciesService>;
