// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { layerBoundaries } from './scripts/eslint-layers.js';

/** Reading `.db` (a Kysely handle) is the store's and the core flows' business only. */
const NO_DB_MESSAGE = 'Nothing above core touches the database: call a core flow (or a store function for schema, dumps and connections).';
const NO_DB = [
  { selector: "MemberExpression[property.name='db']", message: NO_DB_MESSAGE },
  { selector: "ObjectPattern > Property[key.name='db']", message: NO_DB_MESSAGE },
];

/**
 * Dialect files that still read `.db` while their migration onto the dialect
 * kit (issue 13) is in progress. Remove a file from this list when it is
 * migrated; the list empties when the migrations land.
 */
const DIALECT_FILES_AWAITING_KIT = [];

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'tmp/**', 'dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: 'readonly', process: 'readonly', Buffer: 'readonly', URL: 'readonly',
        setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly',
        setImmediate: 'readonly', AbortController: 'readonly', TextEncoder: 'readonly', TextDecoder: 'readonly',
        fetch: 'readonly', structuredClone: 'readonly', performance: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    // The engine reads time only from the injected Clock (ctx.now).
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/clock.ts'],
    rules: {
      'no-restricted-syntax': ['error',
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Use ctx.now from the injected Clock.' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Use ctx.now from the injected Clock.' },
      ],
    },
  },
  {
    // The sealed core (issue 13): each layer of src/ imports only from the layers below it.
    // Tests may cross layers (they build whole servers), so they are not checked.
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.test.ts'],
    plugins: { regd: { rules: { 'layer-boundaries': layerBoundaries } } },
    rules: {
      'regd/layer-boundaries': ['error', {
        store: ['core', 'dialects', 'server', 'cli', 'ops', 'services', 'runtime', 'jobs'],
        core: ['dialects', 'server', 'cli', 'ops', 'services', 'runtime', 'jobs'],
        dialects: ['store', 'server', 'cli', 'ops', 'runtime', 'jobs'],
        services: ['store', 'dialects', 'server', 'cli', 'ops', 'jobs'],
        ops: ['cli', 'server'],
        server: ['cli'],
      }],
    },
  },
  {
    // Above core, nobody reads a Kysely handle. (src/ops is not listed: its export/import hand store's handle to store's dump
    // functions; nor src/runtime, the composition root that opens the store and builds the engine and the clock from it.)
    files: ['src/dialects/**/*.ts', 'src/cli/**/*.ts', 'src/server/**/*.ts', 'src/services/**/*.ts', 'src/jobs/**/*.ts'],
    ignores: ['src/**/*.test.ts', ...DIALECT_FILES_AWAITING_KIT],
    rules: { 'no-restricted-syntax': ['error', ...NO_DB] },
  },
);
