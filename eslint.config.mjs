import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'devTools/**', 'data/**', 'coverage/**', '.stryker-tmp*/**', 'reports/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    // botbuilder stays at the edge: only bot/ and the composition root may import it.
    files: ['src/**/*.ts'],
    ignores: ['src/server.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['botbuilder*', 'restify'] }],
    },
  },
  {
    // Handlers get bot/turn.ts's small Turn, not botbuilder's TurnContext: only the edge (routing,
    // authentication, proactive sends, the flood guard) knows the SDK (docs/adr, the Agents SDK move).
    files: ['bot/commands/**/*.ts', 'bot/verbs/**/*.ts', 'bot/handlers.ts', 'bot/conversation.ts', 'bot/signal-view.ts', 'bot/attachments.ts', 'bot/services.ts'],
    // Its proactive card sender (createPersonalCardSender) still lives with the analysis verbs.
    ignores: ['bot/verbs/analysis-verbs.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['botbuilder*', 'botframework-*'] }],
    },
  },
  {
    // The domain is pure: no I/O, no SDKs (see docs/adr/0001-botbuilder-at-the-edge.md).
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['botbuilder*', 'restify', 'fs', 'node:*', 'http', 'https', '@azure/*', '@microsoft/*', '../adapters/*', '../app/*'] },
      ],
    },
  },
  {
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['scripts/**/*.ts', 'bench/**/*.ts', 'test/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
);
