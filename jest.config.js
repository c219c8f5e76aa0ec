/** Type checking is `npm run typecheck`; ts-jest only transpiles (isolatedModules in tsconfig) so the suite stays fast. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': 'ts-jest' },
  // The CI machine has 2 cores and runs the browser, Cosmos and bot suites together.
  testTimeout: 60000,
  // A safety net: a suite that leaves a socket open must not hang CI for its 90 minutes. Every
  // suite closes what it starts; run with --detectOpenHandles to find one that does not.
  forceExit: true,
  // @microsoft/app-manifest requires the ESM-only strip-bom; a CommonJS shim stands in under jest.
  moduleNameMapper: { '^strip-bom$': '<rootDir>/test/support/strip-bom-shim.js' },
};
