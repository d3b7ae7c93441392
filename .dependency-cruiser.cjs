/**
 * The import rules of the service (issue 9, /docs/adding-a-system.md), checked by `npm run check:deps` in `npm test`.
 *
 *   engine        vendor-agnostic: imports no connector, flow or http module
 *   connectors    import engine *types* only, nothing from flows / http / config, and never another connector
 *   flows, http   reach connectors only through the module registry the composition root hands them
 *   service/src   never imports service/sandbox (production loads no emulator)
 *   emulators     import nothing from service/src/connectors (independent witnesses); the generated package
 *                 schema shared by both sides is the one exception
 *   lib           a leaf: imports nothing else of the service
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'engine-is-vendor-agnostic',
      comment: 'The engine imports no connector, flow or http module.',
      severity: 'error',
      from: { path: '^service/src/engine/' },
      to: { path: '^service/src/(connectors|flows|http)/' },
    },
    {
      name: 'connectors-import-engine-types-only',
      comment: 'A connector may use the engine contract (types), never engine code.',
      severity: 'error',
      from: { path: '^service/src/connectors/' },
      to: { path: '^service/src/engine/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'connectors-import-no-upper-layer',
      comment: 'Connectors know nothing of flows, http, config or the composition root; the store only as types.',
      severity: 'error',
      from: { path: '^service/src/connectors/' },
      to: { path: '^service/src/(flows|http|config)/|^service/src/(main|service)[.]ts$' },
    },
    {
      name: 'connectors-use-store-types-only',
      severity: 'error',
      from: { path: '^service/src/connectors/' },
      to: { path: '^service/src/store/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'connectors-are-self-contained',
      comment: 'A connector folder imports no other connector folder (shared code lives in lib/).',
      severity: 'error',
      from: { path: '^service/src/connectors/([^/]+)/' },
      to: { path: '^service/src/connectors/[^/]+/', pathNot: '^service/src/connectors/$1/' },
    },
    {
      name: 'flows-and-http-reach-connectors-through-the-registry',
      comment: 'Flows and http find catalogs, transforms and runtimes through the module registry, not connector folders.',
      severity: 'error',
      from: { path: '^service/src/(flows|http)/' },
      to: { path: '^service/src/connectors/' },
    },
    {
      name: 'production-loads-no-sandbox',
      comment: 'service/src never imports service/sandbox (static or dynamic).',
      severity: 'error',
      from: { path: '^service/src/' },
      to: { path: '^service/sandbox/' },
    },
    {
      name: 'emulators-are-independent-witnesses',
      comment: 'Emulators import no connector code; the generated package schema is the one shared file.',
      severity: 'error',
      from: { path: '^service/sandbox/' },
      to: { path: '^service/src/connectors/', pathNot: '^service/src/connectors/salesforce/package-schema[.]generated[.]ts$' },
    },
    {
      name: 'lib-is-a-leaf',
      comment: 'lib/ holds helpers every layer may use; it imports nothing else of the service.',
      severity: 'error',
      from: { path: '^service/src/lib/' },
      to: { path: '^service/(src|sandbox)/', pathNot: '^service/src/lib/' },
    },
    {
      name: 'no-circular',
      comment: 'No import cycles of code (a type-only cycle, such as a route module naming its app\'s types, is harmless).',
      severity: 'error',
      from: { path: '^service/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)node_modules/' },
    // Type-only imports are dependencies too (and the connector rule needs to tell them apart).
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
