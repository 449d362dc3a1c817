/** Jest runs the TypeScript sources directly; type-checking happens once per run in `npm test` (tsc --noEmit). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  setupFiles: ['<rootDir>/test/support/env.ts'],
  // Jest's transform cache is kept with the dependencies, not in the temporary folder (which tests leave empty).
  cacheDirectory: '<rootDir>/node_modules/.cache/jest',
  globalSetup: '<rootDir>/test/support/global-setup.js',
  globalTeardown: '<rootDir>/test/support/global-teardown.js',
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  // The project template and the node scaffolds import the package by name: here, this checkout's lib/.
  moduleNameMapper: { '^tributary$': '<rootDir>/lib/index.ts' },
  // ...and find aws-cdk-lib here when they are written to a temporary folder.
  modulePaths: ['<rootDir>/node_modules'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.dev.json' }],
  },
  snapshotFormat: { escapeString: false, printBasicPrototype: false },
};
