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

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  { ignores: ['**/node_modules', '**/dist', '**/tmp', '.northstar/**', '.nx/**', 'eslint-fixtures/**'] },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            ...Object.entries(allowed).map(([sourceTag, tags]) => ({
              sourceTag,
              onlyDependOnLibsWithTags: tags,
            })),
            // core and contracts are the leaves everything else stands on.
            { sourceTag: 'scope:leaf', notDependOnLibsWithTags: ['type:foundation', 'type:adapter', 'type:runtime', 'type:models', 'type:testing', 'type:app'] },
            { sourceTag: 'type:foundation', bannedExternalImports: adapterOnlyPackages },
            { sourceTag: 'type:runtime', bannedExternalImports: adapterOnlyPackages },
            { sourceTag: 'type:models', bannedExternalImports: adapterOnlyPackages },
            { sourceTag: 'type:app', bannedExternalImports: adapterOnlyPackages },
          ],
        },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.suite.ts', '**/testing.ts', '**/testing/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
];
