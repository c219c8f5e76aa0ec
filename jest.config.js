/** Type checking is `npm run typecheck`; ts-jest only transpiles (isolatedModules in tsconfig) so the suite stays fast. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': 'ts-jest' },
  // The CI machine has 2 cores and runs the browser, Cosmos and bot suites together.
  testTimeout: 60000,
  // A safety net: a suite that leaves a socket open must not hang CI for its 90 minutes. With it on,
  // jest prints "Force exiting Jest: Have you considered using `--detectOpenHandles`…" after every
  // run, open handles or not. To check that every suite closes what it starts, run
  // `npx jest --detectOpenHandles` (lists what is still open, and leaves that line out) or a copy of
  // this config with forceExit: false (the process must exit by itself). Both runs, this config and
  // jest.cosmos.config.js, pass both checks. With two or more workers, jest may still say "A worker
  // process has failed to exit gracefully": the worker's 'exit' event fires within milliseconds, but
  // the process, holding over 1 GB by then, takes longer than jest's 500 ms to go. Not an open handle.
  forceExit: true,
  // The Overzicht tab's page is built from source (Vite) before the tests that open it.
  globalSetup: '<rootDir>/test/support/build-tab.ts',
  // @microsoft/app-manifest requires the ESM-only strip-bom; a CommonJS shim stands in under jest.
  moduleNameMapper: { '^strip-bom$': '<rootDir>/test/support/strip-bom-shim.js' },
};
