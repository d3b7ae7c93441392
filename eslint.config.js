// One ESLint config for the repository: TypeScript for the service, tests and scripts; the LWC rules for
// force-app's Lightning Web Components (Salesforce's own shareable config).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const lwcConfig = require('@salesforce/eslint-config-lwc');

const lwcFiles = ['force-app/**/lwc/**/*.js'];

export default [
  {
    ignores: ['node_modules/**', 'coverage/**', '.data/**', '.sf/**', '.sfdx/**', 'service/drizzle/**', '**/*.cjs'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended.map((c) => ({ ...c, files: ['**/*.ts'] })),
  {
    files: ['**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['*.js', 'scripts/**/*.js', 'test/**/*.mjs'],
    languageOptions: { globals: { ...globals.node }, sourceType: 'module' },
  },
  ...lwcConfig.configs.recommended.map((c) => ({ ...c, files: lwcFiles })),
  {
    files: ['force-app/**/lwc/**/__tests__/**/*.js', 'force-app/test/**/*.js'],
    languageOptions: { globals: { ...globals.node, ...globals.jest } },
    // Tests drive wire adapters directly (getRecord.emit()), as Salesforce's sample apps do in their test override.
    rules: { '@lwc/lwc/no-unexpected-wire-adapter-usages': 'off' },
  },
];
