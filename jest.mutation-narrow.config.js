/**
 * The tests for the second StrykerJS run (stryker.narrow.config.json), each module with only its own
 * tests: the intake validation and the log redaction, whose limits, patterns and redaction list are
 * static code (run when the module loads, so without per-test coverage), and the channel
 * authentication, reached only through real HTTP by channel-auth, which starts the whole app.
 */
const base = require('./jest.config');

module.exports = {
  ...base,
  testMatch: [
    '**/test/domain/intake*.test.ts',
    '**/test/ops/logs.test.ts',
    '**/test/ops/redaction.test.ts',
    '**/test/security/channel-auth.test.ts',
  ],
};
