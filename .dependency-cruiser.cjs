// Import boundaries of the layered tree (docs/architecture.md), checked by `npm test`:
//   src/engine  → nothing above it
//   src/services → engine
//   src/adapters → services, engine
//   src/app      → everything
// plus: no import cycles, and nothing in src/ imports test/ or scripts/.
//
// Known exception, to be removed (issue 13 follow-up): these seven modules take the validated `Settings`
// (src/app/settings.ts) as a parameter type (`import type`; nothing reads the environment below
// src/app/). Each should declare the few settings it reads instead. The list is closed: any other
// import of src/app/ from below fails. (dependency-cruiser's swc parser cannot tell `import type`
// from `import`, so the exception names the importers.)
const SETTINGS = '^src/app/settings\\.ts$';
const TAKES_SETTINGS_TYPE = [
  '^src/engine/llm/mode\\.ts$',
  '^src/engine/llm/client\\.ts$',
  '^src/engine/index/embedders/choose\\.ts$',
  '^src/services/desk/desk\\.ts$',
  '^src/services/storage/connect\\.ts$',
  '^src/adapters/telegram/options\\.ts$',
  '^src/adapters/slack/settings\\.ts$',
];
const known = `(${TAKES_SETTINGS_TYPE.join('|')})`;

/** A layer may not import the layers above it; the known Settings importers may import settings.ts and nothing else above. */
function layerRule(name, layer, above, comment) {
  const from = `^src/${layer}/`;
  const to = `^src/(${above})/`;
  return [
    { name, severity: 'error', comment, from: { path: from, pathNot: known }, to: { path: to } },
    { name, severity: 'error', comment, from: { path: from }, to: { path: to, pathNot: SETTINGS } },
  ];
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
    ...layerRule('engine-imports-nothing-above', 'engine', 'services|adapters|app', 'The engine turns a question into an Answer; it knows no service, front end or wiring.'),
    ...layerRule('services-import-engine-only', 'services', 'adapters|app', 'Services (storage, status, questions, re-index, the desk) build on the engine only.'),
    ...layerRule('adapters-import-services-and-engine', 'adapters', 'app', 'Front ends get what they need from the composition root as values, not by importing it.'),
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
