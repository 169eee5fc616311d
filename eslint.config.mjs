// Layer rules (see ARCHITECTURE.md): imports point down only.
//   shared   -> zod only
//   engine   -> shared, its own stages; never `vscode`, never Node built-ins (those come through ports)
//   cli      -> engine, shared, node adapters; never `vscode`
//   webviews -> shared only (plus browser libraries)
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const noVscode = { name: 'vscode', message: 'Only src/extension may import vscode.' };
const nodeBuiltins = ['fs', 'path', 'os', 'crypto', 'child_process', 'net', 'http', 'https', 'stream', 'worker_threads', 'zlib', 'readline', 'url', 'util']
  .flatMap((m) => [m, `node:${m}`, `${m}/*`, `node:${m}/*`]);

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.cache/**', 'out/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'separate-type-imports' }],
      'no-console': 'off',
    },
  },
  {
    files: ['src/engine/**/*.ts'],
    languageOptions: { globals: { ...globals.es2022 } },
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noVscode],
        patterns: [
          { group: nodeBuiltins, message: 'The engine reaches Node only through ports (src/engine/ports.ts).' },
          { group: ['**/extension/**', '**/cli/**', '**/webviews/**', '**/node/**'], message: 'The engine may import only src/shared and its own stages.' },
        ],
      }],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noVscode],
        patterns: [
          { group: nodeBuiltins, message: 'src/shared runs in the webview too: no Node built-ins.' },
          { group: ['**/engine/**', '**/extension/**', '**/cli/**', '**/webviews/**', '**/node/**'], message: 'src/shared imports zod only.' },
        ],
      }],
    },
  },
  {
    files: ['src/cli/**/*.ts', 'src/node/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noVscode],
        patterns: [{ group: ['**/extension/**', '**/webviews/**'], message: 'The CLI hosts the engine; it never reaches into the extension or webviews.' }],
      }],
    },
  },
  {
    files: ['src/webviews/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noVscode],
        patterns: [
          { group: nodeBuiltins, message: 'Webviews run in a browser.' },
          { group: ['**/engine/**', '**/extension/**', '**/cli/**', '**/node/**'], message: 'Webviews import src/shared only; data comes by postMessage.' },
        ],
      }],
    },
  },
  {
    files: ['test/**/*.{ts,mjs,cjs}', 'bench/**/*.ts', 'eval/**/*.ts', 'scripts/**/*.{ts,mjs,cjs}', 'esbuild.mjs', 'src/extension/**/*.ts'],
    languageOptions: { globals: { ...globals.node, ...globals.mocha } },
  },
  {
    // CommonJS entry points (VS Code's test host and mocha load these with require).
    files: ['**/*.cjs', 'bin/**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node, ...globals.mocha } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
