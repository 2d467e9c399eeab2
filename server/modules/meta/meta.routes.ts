import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static } from '@sinclair/typebox';
import { operations } from '../../http/operation';
import type { NationalIdRegistry } from '../../core/national-id/index';
import type { DemoService } from '../demo/demo.service';

export const MetaResponse = Type.Object({
  demo: Type.Boolean(),
  nationalIdSchemes: Type.Array(Type.Object({ code: Type.String(), country: Type.String() })),
  locales: Type.Array(Type.String()),
});

export type MetaResponse = Static<typeof MetaResponse>;

const DemoAccountsResponse = Type.Array(
  Type.Object({
    role: Type.String(),
    fullName: Type.String(),
    email: Type.String(),
    password: Type.String(),
    totpSecret: Type.Union([Type.String(), Type.Null()]),
    currentCode: Type.Union([Type.String(), Type.Null()]),
  }),
);

/** What the web needs to know about this installation before anyone signs in. */
export const metaRoutes: FastifyPluginAsyncTypebox<{
  demo: DemoService | null;
  nationalIds: NationalIdRegistry;
}> = async (app, { demo, nationalIds }) => {
  const operation = operations({ tags: ['system'], access: 'public' });

  app.get(
    '/api/meta',
    operation({
      summary: 'Installation facts: demo mode, accepted national IDs, languages',
      response: { 200: MetaResponse },
    }),
    async () => ({
      demo: demo !== null,
      nationalIdSchemes: nationalIds.schemes.map((s) => ({ code: s.code, country: s.country })),
      locales: ['az', 'ru', 'en'],
    }),
  );

  // Only a demo installation has this route at all: its accounts and live TOTP codes are public by design.
  if (demo) {
    app.get(
      '/api/demo/accounts',
      operation({
        summary: 'Demo only: the demo accounts and their current two-factor codes',
        response: { 200: DemoAccountsResponse },
        cache: 'no-store',
      }),
      async () => demo.accounts(),
    );
  }
};
