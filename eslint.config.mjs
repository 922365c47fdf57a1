import js from '@eslint/js';
import boundaries from 'eslint-plugin-boundaries';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The monorepo's boundaries, tests included: an app may use libs and its own code, never another
 * app (apps talk over HTTP and queues, through contracts in libs/); a lib may use libs only.
 */
const moduleBoundaries = {
  files: ['apps/**/*.ts', 'libs/**/*.ts'],
  plugins: { boundaries },
  settings: {
    'import/resolver': { node: { extensions: ['.ts', '.js', '.json'] } },
    'boundaries/elements': [
      { type: 'app', pattern: 'apps/*', capture: ['app'] },
      { type: 'lib', pattern: 'libs/*', capture: ['lib'] },
    ],
  },
  rules: {
    'boundaries/dependencies': [
      'error',
      {
        default: 'disallow',
        policies: [
          { from: { element: { type: 'lib' } }, allow: { to: { element: { type: 'lib' } } } },
          { from: { element: { type: 'app' } }, allow: { to: { element: { type: 'lib' } } } },
          {
            from: { element: { type: 'app' } },
            allow: {
              to: {
                element: { type: 'app', captured: { app: '{{ from.element.captured.app }}' } },
              },
            },
          },
        ],
      },
    ],
  },
};

export default tseslint.config(
  {
    ignores: ['node_modules/', 'dist/', '.data/', 'coverage/', '.nx/', 'deploy/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'off',
      'no-console': ['error', { allow: ['error', 'warn'] }],
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/libs/*/src/**', '../../libs/**'],
              message: 'Import libs through their @cxgenie/<lib> alias.',
            },
          ],
        },
      ],
    },
  },
  {
    files: [
      '**/*.spec.ts',
      '**/*.e2e-spec.ts',
      'bench/**/*.ts',
      'scripts/**/*.ts',
      'tools/**/*.ts',
      'apps/gateway-api/web/tools/**/*.ts',
      'apps/gateway-api/web/e2e/**/*.ts',
    ],
    rules: { 'no-console': 'off' },
  },
  moduleBoundaries,
  {
    // The dashboard runs in the browser.
    files: ['apps/gateway-api/web/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Plain Node scripts and tool configs are CommonJS.
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off', 'no-console': 'off' },
  },
);
