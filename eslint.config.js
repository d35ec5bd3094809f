// Lint enforces the layers (docs/adr/0001-layers.md): the core is pure and deterministic,
// the worker imports the core, the UI imports only the worker's types.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const impureCore = [
  { object: 'Math', property: 'random', message: 'Use a seeded stream from sim/engine/rng.' },
  {
    object: 'Date',
    property: 'now',
    message: 'The core has no wall time; use the simulation clock.',
  },
  { object: 'performance', property: 'now', message: 'The core has no wall time.' },
];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'test-results/', 'playwright-report/'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/sim/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-properties': ['error', ...impureCore],
      'no-restricted-globals': [
        'error',
        'setTimeout',
        'setInterval',
        'requestAnimationFrame',
        'window',
        'document',
        'self',
        'process',
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['react', 'react-*', 'comlink', 'd3', 'd3-*', 'zustand', 'zustand/*'],
              message: 'src/sim is pure: no UI or worker libraries.',
            },
            {
              group: ['**/worker/**', '**/ui/**', '**/cli/**', 'node:*'],
              message: 'src/sim imports nothing outside the core.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/worker/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/ui/**', 'react', 'react-*', 'd3', 'd3-*'],
              message: 'The worker does not import the UI.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/worker/sim-worker*'],
              allowTypeImports: true,
              message: 'The UI imports only the worker’s types (use new Worker(new URL(...)))',
            },
            { group: ['**/cli/**', 'node:*'], message: 'The UI does not import the CLI or Node.' },
          ],
        },
      ],
    },
  },
);
