/**
 * The import arrows of ARCHITECTURE.md, checked by `npm run check:imports` (part of `npm run check`):
 *
 *   flow <- engine <- conversation <- channels | db <- app
 *
 * The core (flow, engine, conversation, and the screening rules and translations it uses) knows no
 * channel, database, web framework or chat library; channels do not know each other; only a
 * channel's own `store/` touches the database (its tables, e.g. Slack's cards).
 */
const CORE = '^src/(flow|engine|conversation|screening|i18n)/';
const OUTER = '^src/(channels|db|dashboard|http|node|workers|cli)/|^src/(app|worker|worker-entry|env)\\.ts$';
const IO_LIBRARIES = 'node_modules/(grammy|@grammyjs|@slack|hono|drizzle-orm|postgres|@electric-sql)/';

module.exports = {
  forbidden: [
    {
      name: 'flow-is-the-base',
      comment: 'src/flow (the schema, loading and checks of the content) imports nothing else of src.',
      severity: 'error',
      from: { path: '^src/flow/' },
      to: { path: '^src/', pathNot: '^src/flow/' },
    },
    {
      name: 'engine-is-pure',
      comment: 'src/engine only steps flows: it imports src/flow and itself, no library and no Node module (no I/O, no clock).',
      severity: 'error',
      from: { path: '^src/engine/' },
      to: { pathNot: '^src/(engine|flow)/' },
    },
    {
      name: 'core-knows-no-outside',
      comment: 'The core never imports a channel, the database, the dashboard or an entry point.',
      severity: 'error',
      from: { path: CORE },
      to: { path: OUTER },
    },
    {
      name: 'core-uses-no-io-library',
      comment: 'The core never imports a chat library, the web framework or the database driver.',
      severity: 'error',
      from: { path: CORE },
      to: { path: IO_LIBRARIES },
    },
    {
      name: 'channels-do-not-know-each-other',
      comment: 'A channel imports its own folder and what is shared (src/channels/*.ts), never another channel.',
      severity: 'error',
      from: { path: '^src/channels/([^/]+)/' },
      to: { path: '^src/channels/[^/]+/', pathNot: '^src/channels/$1/' },
    },
    {
      name: 'only-a-channel-store-touches-the-database',
      comment: "A channel's tables are reached through its store/ folder (the adapter interface hands it the database); the rest of the channel goes through the core.",
      severity: 'error',
      from: { path: '^src/channels/', pathNot: '^src/channels/([^/]+/store/|adapter\\.ts$)' },
      to: { path: '^src/db/' },
    },
    {
      name: 'db-serves-the-core',
      comment: 'The database implements the ports of the core and the dashboard; it calls no channel, route or entry point.',
      severity: 'error',
      from: { path: '^src/db/' },
      to: { path: '^src/(channels|http|node|workers|cli)/|^src/(app|worker)\\.ts$' },
    },
    {
      name: 'dashboard-is-a-use-case',
      comment: 'The dashboard works through ports, like the conversation: no database and no channel.',
      severity: 'error',
      from: { path: '^src/dashboard/' },
      to: { path: '^src/(db|channels|node|workers|cli)/' },
    },
    {
      name: 'src-does-not-import-tests',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(test|bench)/' },
    },
    {
      name: 'no-circular',
      comment: 'A cycle makes module order matter and hides which way a dependency really points.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
