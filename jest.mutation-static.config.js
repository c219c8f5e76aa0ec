/**
 * The tests for the second StrykerJS run (stryker.static.config.json): the static code of the intake
 * validation and the log redaction (limits, patterns, the redaction list), which runs when the
 * module loads and so has no per-test coverage. Only the tests of those two modules run for it.
 */
const base = require('./jest.config');

module.exports = {
  ...base,
  testMatch: ['**/test/domain/intake*.test.ts', '**/test/ops/logs.test.ts', '**/test/ops/redaction.test.ts'],
};
