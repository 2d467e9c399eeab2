import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { operations } from '../../http/operation';
import { resourceRoutes } from '../../http/resource';
import { ADMINISTRATORS } from '../auth/access';
import { AgencyBody, AgencyListResponse, AgencyParams, AgencyView } from './agencies.schemas';
import type { AgenciesService } from './agencies.service';

export const agenciesRoutes: FastifyPluginAsyncTypebox<{ agencies: AgenciesService }> = async (app, { agencies }) => {
  const operation = operations({ tags: ['competitions'], access: ADMINISTRATORS });

  resourceRoutes(app, operation, agencies, {
    path: '/api/admin/agencies',
    params: AgencyParams,
    body: AgencyBody,
    view: AgencyView,
    list: { view: AgencyListResponse },
    summaries: {
      list: 'Agencies, by code',
      create: 'Add an agency',
      update: 'Rename an agency or change its code',
      remove: 'Remove an agency no vacancy names',
    },
  });
};
