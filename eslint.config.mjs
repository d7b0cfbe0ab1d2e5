import nx from '@nx/eslint-plugin';

// The dependency rules of docs/architecture.md, enforced: a project may import
// only the tags listed for its own tag.
const allowed = {
  'type:app': ['type:runtime', 'type:models', 'type:adapter', 'type:foundation'],
  'type:runtime': ['type:adapter', 'type:foundation'],
  'type:models': ['type:adapter', 'type:foundation'],
  'type:adapter': ['type:foundation'],
  'type:foundation': ['type:foundation'],
  'type:testing': ['type:adapter', 'type:foundation'],
  'type:e2e': ['type:app', 'type:runtime', 'type:models', 'type:adapter', 'type:foundation', 'type:testing'],
};

// Tests may also use the sandbox and test doubles (type:testing); production code may not.
const allowedInTests = Object.fromEntries(Object.entries(allowed).map(([tag, tags]) => [tag, tag === 'type:foundation' ? tags : [...tags, 'type:testing']]));

// Native and SDK packages stay inside the adapters (and the sandbox, which
// plays the sources); everything else reaches them through an interface.
const adapterOnlyPackages = [
  'snowflake-sdk',
  '@duckdb/*',
  '@aws-sdk/*',
  'apache-arrow',
  'parquet-wasm',
  'hyparquet*',
];


const testFiles = ['**/*.spec.ts', '**/*.suite.ts', '**/testing.ts', '**/testing/**/*.ts'];

function boundaryRule(rules) {
  return [
    'error',
    {
      enforceBuildableLibDependency: false,
      allow: [],
      depConstraints: [
        ...Object.entries(rules).map(([sourceTag, tags]) => ({ sourceTag, onlyDependOnLibsWithTags: tags })),
        // core and contracts are the leaves everything else stands on.
        { sourceTag: 'scope:leaf', notDependOnLibsWithTags: ['type:foundation', 'type:adapter', 'type:runtime', 'type:models', 'type:testing', 'type:app'] },
        ...['type:foundation', 'type:runtime', 'type:models', 'type:app'].map((sourceTag) => ({ sourceTag, bannedExternalImports: adapterOnlyPackages })),
      ],
    },
  ];
}

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  { ignores: ['**/node_modules', '**/dist', '**/tmp', '.northstar/**', '.nx/**'] },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': boundaryRule(allowed),
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: testFiles,
    rules: {
      '@nx/enforce-module-boundaries': boundaryRule(allowedInTests),
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
];
