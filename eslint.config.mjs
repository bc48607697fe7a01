// ESLint 9 flat config: the Next.js rules (core web vitals), typescript-eslint's recommended
// rules, and the import boundaries of docs/decisions/009-layers.md — who may import whom, checked
// on every file, plus no import cycles. `npm run lint` runs it with zero warnings allowed.
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';

const CORE = './src/lib/backup';
/** The core's layers, bottom to top; a layer may import only the layers below it. */
const BLOCKS = ['format', 'crypto', 'compression', 'storage', 'database', 'notify'].map((d) => `${CORE}/${d}`);
const PIPELINES = ['dump', 'restore', 'verify', 'export', 'table-stream'].map((d) => `${CORE}/${d}`);
const SERVICE = `${CORE}/service`;
/** The use cases: the service modules, and the restore preview. */
const USE_CASES = [SERVICE, `${CORE}/preview`];
const JOBS = `${CORE}/jobs`;
const RUNTIME = `${CORE}/runtime`;
const PUBLIC_API = `${CORE}/index.ts`;
/** The doors: everything that calls the core and nothing the core may call. */
const DOORS = ['./src/actions', './src/app', './src/components', './src/instrumentation.ts', './scripts', './bench', './tests'];

const below = (target, higher, message) => higher.map((from) => ({ target, from, message }));

const coreLayers = [
  // The base (errors, config, policies: the files directly in src/lib/backup) imports no folder of the core.
  // (The format's named constants are the one exception: config.ts reads the default gzip level.)
  {
    target: `${CORE}/!(index).ts`,
    from: [...BLOCKS.filter((b) => !b.endsWith('/format')), ...PIPELINES, ...USE_CASES, JOBS, RUNTIME],
    message: 'The base of the core (errors, config, policies) imports no higher layer.',
  },
  { target: `${CORE}/!(index).ts`, from: `${CORE}/format`, except: ['./constants.ts'], message: 'The base of the core reads only the named constants of the format.' },
  ...BLOCKS.flatMap((target) => below(target, [...PIPELINES, ...USE_CASES, JOBS, RUNTIME, PUBLIC_API], 'A building block (format, crypto, storage, …) imports no pipeline, use case or job.')),
  ...PIPELINES.flatMap((target) => below(target, [...USE_CASES, JOBS, RUNTIME, PUBLIC_API], 'A pipeline (dump, restore, verify, export, table-stream) imports no use case or job.')),
  ...USE_CASES.flatMap((target) => below(target, [JOBS, RUNTIME, PUBLIC_API], 'A use case imports no job or process wiring.')),
  ...below(JOBS, [RUNTIME, PUBLIC_API], 'A job imports no process wiring.'),
  ...below(RUNTIME, [PUBLIC_API], 'The core never imports its own public API.'),
];

const outerLayers = [
  // The core is framework-free and knows no door.
  ...below(CORE, [...DOORS, './src/lib/auth', './src/lib/seed'], 'The backup core never imports a door (actions, app, components, scripts) or the auth layer.'),
  // The database helpers and the shared conventions sit under everything.
  ...below('./src/lib/db', [CORE, './src/lib/auth', './src/lib/seed', ...DOORS], 'src/lib/db is the bottom layer: it imports nothing of the project above it.'),
  ...below('./src/lib/conventions', [CORE, './src/lib/db', './src/lib/auth', './src/lib/seed', ...DOORS], 'src/lib/conventions is browser-safe: it imports nothing of the project.'),
  ...below('./src/lib/auth', DOORS, 'The auth layer imports no door.'),
  ...below('./src/lib/seed', [CORE, ...DOORS], 'The data generator imports only src/lib/db (and password hashing).'),
  // Doors never import each other's internals: server code never imports the CLI or the tests.
  ...below('./src', ['./scripts', './bench', './tests'], 'Application code never imports scripts, benchmarks or tests.'),
];

const config = [
  {
    ignores: ['src/generated/**', '.next/**', '.next-*/**', '.bench-build-*/**', '.data/**', 'backups/**', 'coverage/**', 'test-results/**', 'next-env.d.ts'],
  },
  ...nextVitals,
  ...nextTypescript,
  {
    name: 'project/strict',
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-unused-expressions': 'error',
      'import/no-cycle': ['error', { ignoreExternal: true }],
      'import/no-restricted-paths': ['error', { zones: [...coreLayers, ...outerLayers] }],
    },
  },
  {
    name: 'project/core-is-framework-free',
    files: ['src/lib/backup/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: '@/lib/backup', message: 'Inside the core, import the module itself: the public API is for the doors.' },
            { name: 'react', message: 'The backup core imports no React.' },
            { name: 'react-dom', message: 'The backup core imports no React.' },
            { name: 'next', message: 'The backup core imports no Next.js.' },
          ],
          patterns: [
            { group: ['next/*', 'react/*', 'react-dom/*'], message: 'The backup core imports no Next.js or React.' },
            { group: ['@/actions/*', '@/app/*', '@/components/*', '@/lib/auth/*'], message: 'The backup core never imports a door or the auth layer.' },
          ],
        },
      ],
    },
  },
  {
    name: 'project/doors-use-the-public-api',
    files: ['src/actions/**/*.ts', 'scripts/cli/**/*.ts', 'src/instrumentation.ts'],
    ignores: ['**/*.test.ts', '**/test-support.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@/lib/backup/*', '**/lib/backup/*'], message: "Doors call the core through its public API: import from '@/lib/backup'." }] },
      ],
    },
  },
  {
    // Pages and route handlers: core values through the public API only; a type may come from its module.
    name: 'project/pages-use-the-public-api',
    files: ['src/app/**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@/lib/backup/*', '**/lib/backup/*'], allowTypeImports: true, message: "Pages and route handlers call the core through its public API: import values from '@/lib/backup'." },
          ],
        },
      ],
    },
  },
  {
    // Components end up in the browser bundle: a core value would drag server code (pg, Prisma, node:*) into it.
    name: 'project/components-import-only-core-types',
    files: ['src/components/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@/lib/backup/*', '**/lib/backup', '**/lib/backup/*'],
              allowTypeImports: true,
              message: 'Components import only types of the core (import type); values reach them through server actions and props. Shared display rules live in src/lib/conventions.',
            },
          ],
        },
      ],
    },
  },
  {
    name: 'project/tests-may-reach-inside',
    files: ['**/*.test.ts', 'tests/**/*.ts', '**/test-support.ts'],
    rules: {
      'import/no-restricted-paths': ['error', { zones: below('./src', ['./scripts', './bench'], 'Application code never imports scripts or benchmarks.') }],
    },
  },
];

export default config;
