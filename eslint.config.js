// ESLint, configured once: typescript-eslint's type-aware recommended rules on our TypeScript; formatting is Prettier's.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['build/', 'build-test/', 'dist/', 'test-output/', 'node_modules/', 'data/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Unused names fail the compiler already (noUnusedLocals); a leading underscore marks a parameter kept for its position.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // node:test's describe() and it() return promises that the runner itself awaits.
      '@typescript-eslint/no-floating-promises': [
        'error',
        { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['describe', 'it', 'test', 'suite'] }] },
      ],
      // Fire-and-forget is written `void promise`; everything else must be awaited or handled.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      // No function in src/ may grow past what a reader holds in mind at once (issue 13).
      'max-lines-per-function': ['error', { max: 60, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    // Tests are long describe() blocks by nature; the 60-line rule is for the application's functions.
    files: ['test/**', 'scripts/**'],
    rules: { 'max-lines-per-function': 'off' },
  },
  {
    // The live-reload client runs in the browser, as plain JavaScript outside the TypeScript project.
    files: ['src/dev/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: { ...globals.browser }, parserOptions: { projectService: false } },
  },
  { files: ['eslint.config.js'], ...tseslint.configs.disableTypeChecked, languageOptions: { parserOptions: { projectService: false } } },
  prettier,
  {
    // Prettier wraps code at 160 columns but never splits a string; this catches the long strings it leaves.
    rules: { 'max-len': ['error', { code: 160, ignoreRegExpLiterals: true, ignoreUrls: true }] },
  },
);
