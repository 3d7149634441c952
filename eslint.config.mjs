// Lint rules from STYLE.md: promises are awaited or handled, no `any`, and type-aware checks.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'bench/.corpus/', 'fixtures/**/files/', 'fixtures/resumes/', '**/*.js', '**/*.mjs'] },
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { project: './tsconfig.json', tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // pdf-parse patches builtins on load; src/extract/pdf-parse-module.ts loads it and undoes that.
      'no-restricted-imports': ['error', { paths: [{ name: 'pdf-parse', message: "Import from src/extract/pdf-parse-module instead: it undoes pdf-parse's patching of Array.prototype.push and JSON.parse.", allowTypeImports: true }] }],
    },
  },
);
