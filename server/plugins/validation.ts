import { Ajv, type Options } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifyInstance, FastifySchema } from 'fastify';
import fp from 'fastify-plugin';

const shared: Options = { useDefaults: true, removeAdditional: false, allErrors: true, addUsedSchema: false };

/**
 * Request validation with type coercion only where the input is text. Fastify's default coerces
 * every part alike, so a JSON body with `"fullName": 12345` or `"code": 123456` was silently accepted
 * as a string; a JSON body carries its own types, and a wrong one must be refused.
 */
const compilers = {
  body: addFormats(new Ajv({ ...shared, coerceTypes: false })),
  // Query strings, path parameters and headers arrive as text: "25" must become the integer 25.
  text: addFormats(new Ajv({ ...shared, coerceTypes: 'array' })),
};

export default fp(
  async function validationPlugin(app: FastifyInstance) {
    app.setValidatorCompiler(
      ({ schema, httpPart }: { schema: FastifySchema & { $id?: string }; httpPart?: string }) => {
        const ajv = httpPart === 'body' ? compilers.body : compilers.text;
        const known = schema.$id ? ajv.getSchema(schema.$id) : undefined;
        return known ?? ajv.compile(schema);
      },
    );
  },
  { name: 'validation' },
);
