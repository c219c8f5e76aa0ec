/**
 * The suites StrykerJS runs for the mutants (`npm run mutate`): the fast in-process ones. Left out are
 * the browser, Playground, LibreOffice, Cosmos-server, Graph-stand-in and HTTP-server suites, and the
 * whole-bot scenarios, which reach nearly every scoped line and so would run for each mutant. The
 * reminder and AVG-rights scenarios stay: they are the only tests of some reminder rules and of the
 * privacy use cases. channel-auth (the whole app over HTTP) runs in the narrow second run only
 * (jest.mutation-narrow.config.js), for bot/channel-authentication.ts.
 */
const base = require('./jest.config');

module.exports = {
  ...base,
  testPathIgnorePatterns: [
    '/node_modules/',
    '/test/e2e/',
    '/test/http/',
    '/test/manifest/',
    '/test/bench-smoke\\.test\\.ts$',
    '/test/analysis/docx-in-libreoffice\\.test\\.ts$',
    // Cosmos API server
    '/test/access/access-log\\.test\\.ts$',
    '/test/analysis/analysis-store\\.test\\.ts$',
    '/test/reminders/(analysis-reminders|exactly-once|reminder-store|week)\\.test\\.ts$',
    '/test/store/cosmos',
    // Whole-bot scenarios (botbuilder loaded per file, seconds per run): they reach nearly every
    // scoped line, so each mutant would run them; the unit and use-case tests cover the same rules.
    '/test/analysis-bot/',
    '/test/bot/',
    '/test/commands/',
    '/test/outbox/',
    '/test/planning/',
    '/test/privacy/',
    '/test/security/(fuzz|fuzz-invokes|flood|exactly-once|privacy|channel-auth)\\.test\\.ts$',
    '/test/ops/background-jobs\\.test\\.ts$',
    // Graph stand-in over HTTP
    '/test/graph/graph-',
  ],
};
