// Import boundaries of the layered tree (docs/architecture.md), checked by `npm test`:
//   src/engine  → nothing above it
//   src/services → engine
//   src/adapters → services, engine
//   src/app      → everything
// plus: no import cycles, and nothing in src/ imports test/ or scripts/.
//
// Settings are read once, in src/app/settings.ts; modules below src/app declare the few settings they
// read as interfaces of their own, and the composition root passes the validated values in.

/** A layer may not import the layers above it. */
function layerRule(name, layer, above, comment) {
  return { name, severity: 'error', comment, from: { path: `^src/${layer}/` }, to: { path: `^src/(${above})/` } };
}

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Import cycles make modules impossible to understand or move one at a time.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    layerRule('engine-imports-nothing-above', 'engine', 'services|adapters|app', 'The engine turns a question into an Answer; it knows no service, front end or wiring.'),
    layerRule('services-import-engine-only', 'services', 'adapters|app', 'Services (storage, status, questions, re-index, the desk) build on the engine only.'),
    layerRule('adapters-import-services-and-engine', 'adapters', 'app', 'Front ends get what they need from the composition root as values, not by importing it.'),
    {
      name: 'front-ends-share-through-adapters-shared',
      severity: 'error',
      comment: 'Telegram, Slack and the CLI do not import each other: what two of them need lives in src/adapters/shared.',
      from: { path: '^src/adapters/(telegram|slack|cli)/' },
      to: { path: '^src/adapters/(telegram|slack|cli)/', pathNot: '^src/adapters/$1/' },
    },
    {
      name: 'src-not-test-or-scripts',
      severity: 'error',
      comment: 'Fakes and the bench live in test/ and scripts/ and must never be compiled into dist/.',
      from: { path: '^src/' },
      to: { path: '^(test|scripts)/' },
    },
    {
      name: 'no-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true, path: '^\\.' },
    },
  ],
  options: {
    // TypeScript 7 has no JavaScript API, so dependency-cruiser reads the sources with swc.
    parser: 'swc',
    // Type-only imports count: a cycle or an upward import through types is still one.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.d\\.ts$' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.mjs', '.json'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
