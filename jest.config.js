/** Type checking is `npm run typecheck`; ts-jest only transpiles (isolatedModules in tsconfig) so the suite stays fast. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': 'ts-jest' },
  testTimeout: 30000,
  // @microsoft/app-manifest requires the ESM-only strip-bom; a CommonJS shim stands in under jest.
  moduleNameMapper: { '^strip-bom$': '<rootDir>/test/support/strip-bom-shim.js' },
};
