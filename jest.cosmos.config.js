/**
 * The bot scenario tests once more, on the Cosmos adapter against a real local Cosmos API server
 * (test/support/cosmos-global-setup.ts). Same tests, same assertions; only the store differs.
 */
const base = require('./jest.config');

module.exports = {
  ...base,
  testMatch: ['**/test/bot/**/*.test.ts', '**/test/http/**/*.test.ts', '**/test/planning/planning-local.test.ts'],
  globalSetup: '<rootDir>/test/support/cosmos-global-setup.ts',
  globalTeardown: '<rootDir>/test/support/cosmos-global-teardown.ts',
};
