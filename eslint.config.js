import js from '@eslint/js';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

// Without this, every .svelte file linted changes the TypeScript program: the project reads the component from disk
// as it is, typescript-eslint then opens it with the parser's TypeScript translation, and the type-aware rules build
// a new checker for each component (446 CPU s for `eslint .`, most of it on the 199 components). With it,
// svelte-eslint-parser's hook hands TypeScript the same translation when it reads any .svelte file, so the program
// and its checker are built once (181 CPU s); imports of components also see their real props instead of the
// ambient `*.svelte` module. The parser reads the flag when it loads, hence the import after it is set.
// It is marked experimental: if a release drops it, the lint only gets slow again (and the parser warns).
process.env.SVELTE_ESLINT_PARSER_EXPERIMENTAL_TS_SYS_HOOK ??= '1';
const { default: svelte } = await import('eslint-plugin-svelte');

export default ts.config(
  { ignores: ['build/', 'build-server/', '.svelte-kit/', 'data/', 'node_modules/', 'db/migrations/', 'test-results/'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node, ...globals.browser },
      parserOptions: {
        projectService: true,
        extraFileExtensions: ['.svelte'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser, svelteConfig } },
  },
  {
    files: ['**/*.ts', '**/*.svelte'],
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['*.js', '*.config.ts', '**/*.mjs'],
    ...ts.configs.disableTypeChecked,
  },
  {
    // The service logs through pino; console output there would bypass structure and levels.
    files: ['server/**/*.ts', 'db/**/*.ts'],
    rules: { 'no-console': 'error' },
  },
  // Layers (DESIGN.md, Architecture). Each layer has its own block; a block sets no-restricted-imports for
  // its own files only, since a later block setting the rule for the same file replaces, not merges, it.
  {
    // db/ imports nothing of ours: the schema, migrations and createDb stand on their own.
    files: ['db/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+(server|web|scripts|tests)(/|$)',
              message: 'db/ imports nothing of ours outside db/; a domain type the schema stores belongs in db/domain.',
            },
          ],
        },
      ],
    },
  },
  {
    // db/domain is the leaf that both the schema and the pure cores import, so it imports nothing but itself.
    files: ['db/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^(?!\\./)', message: 'db/domain is a leaf: it imports only its own files.' }] },
      ],
    },
  },
  // server/core is pure: values in, values out. No files, sockets, processes, database, HTTP, clock or config;
  // of ours it imports only itself and the db/domain leaf. One block per folder depth, as the way out of
  // server/core is one `../` deeper in a subfolder.
  ...[1, 2, 3].map((depth) => ({
    files: [`server/core/${'*/'.repeat(depth - 1)}*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(node:)?(fs|net|http|https|http2|child_process|dgram|dns|tls|cluster|worker_threads)(/|$)',
              message: 'server/core is pure: no I/O module. Let the caller read and write, and hand the core values.',
            },
            {
              regex: '^(postgres|@electric-sql/pglite|drizzle-orm|fastify|fastify-plugin|@fastify/[^/]+|pino)(/|$)',
              message: 'server/core is pure: no database, HTTP or logging library.',
            },
            {
              regex: `^(\\.\\./){${depth}}(?!\\.\\./db/domain/)`,
              message:
                'server/core imports of ours only itself and the db/domain leaf: no db client or schema, module, plugin, configuration or clock.',
            },
          ],
        },
      ],
    },
  })),
  {
    // Pure cores are deterministic: the time, randomness and the environment are handed in, never reached for.
    files: ['server/core/**/*.ts'],
    ignores: ['**/*.test.ts', '**/test-support.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...['process', 'fetch', 'setTimeout', 'setInterval', 'setImmediate', 'performance', 'crypto'].map((name) => ({
          name,
          message: 'server/core is pure: take what this gives as an argument.',
        })),
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'server/core has no clock: take the time as an argument.',
        },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'server/core has no clock: take the time as an argument.',
        },
        {
          selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
          message: 'server/core draws only from a seeded generator it is handed (paper/random.ts).',
        },
        {
          selector: 'ImportSpecifier[imported.name=/^(random|getRandomValues|generateKeyPair)/]',
          message: 'server/core draws only from a seeded generator it is handed (paper/random.ts).',
        },
      ],
    },
  },
  {
    // One data-access convention (db/transaction.ts): a service opens transaction(db, work) and repositories ask
    // executor(db), so nothing calls drizzle's .transaction() itself or hands a `tx` from function to function.
    files: ['server/**/*.ts'],
    ignores: ['server/core/**', '**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='transaction']",
          message: 'Open transactions with transaction(db, work) from db/transaction.ts.',
        },
        {
          selector:
            ':function > Identifier.params[name="tx"], :function > AssignmentPattern.params > Identifier.left[name="tx"]',
          message: 'No tx parameter: a repository asks executor(db) for the open transaction (db/transaction.ts).',
        },
      ],
    },
  },
  {
    // web/ knows the server only as types, through its one barrel of public types (`$api-types`, server/api-types.ts):
    // no value from server/, no path into it, and nothing of db/. Tests beside the web's code may cross-check
    // against the server's own implementation (DESIGN.md: tests import anything).
    files: ['web/**/*.ts', 'web/**/*.svelte'],
    ignores: ['web/**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '$api-types',
              allowTypeImports: true,
              message: 'The web imports the server only as types: `import type { … } from "$api-types"`.',
            },
          ],
          patterns: [
            {
              regex: '^((\\.\\./)+|/|\\$)?(server|db)(/|$)',
              message:
                'The web imports the server only as types, through `$api-types` (server/api-types.ts), and never db/.',
            },
          ],
        },
      ],
    },
  },
);
