import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import type { FastifyServerOptions } from 'fastify';

type BuildSerializer = NonNullable<
  NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>['buildSerializer']
>;

/**
 * Fastify's own response serialisers (fast-json-stringify), each compiled at its route's first reply instead
 * of at start: compiling every route's response schemas was the largest part of a start (issue 16: start-up to
 * healthy under 5 s), and a route never called costs nothing. The compiled function is the one Fastify builds.
 */
export const buildLazySerializer: BuildSerializer = (externalSchemas, options) => {
  const compile = SerializerSelector()(externalSchemas as never, options as never);
  return (route) => {
    let serialize: ((data: unknown) => string) | undefined;
    return (data: unknown) => (serialize ??= compile(route as never) as (data: unknown) => string)(data);
  };
};
