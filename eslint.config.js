import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/', 'build/', 'node_modules/', 'bench/.tmp/', 'test-results/', '.tmp/', '.profile/', 'scratch/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node, chrome: 'readonly' } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  // The browser's APIs are reached only through src/platform/ (what differs per browser: src/platform/host/),
  // so another browser, or a change in one, touches that folder alone.
  {
    files: ['src/**/*.{ts,tsx}', 'popup/**/*.{ts,tsx}', 'options/**/*.{ts,tsx}', 'review/**/*.{ts,tsx}'],
    ignores: ['src/platform/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'webextension-polyfill', message: 'Reach the browser through src/platform/.' }] }],
      'no-restricted-globals': ['error',
        { name: 'chrome', message: 'Reach the browser through src/platform/.' },
        { name: 'browser', message: 'Reach the browser through src/platform/.' }],
    },
  },
);
