// Three projects: `unit` needs no cluster (parsing, rendering, the chart via `helm template`);
// `integration` runs against the real cluster that test/integration/global-setup.js brings up;
// `kind` is the kind provider's own leg.
const tsJest = ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }];
const common = {
  // Only these folders are crawled: .cluster/ holds the local cluster's containers' root
  // filesystems (overlay mounts), which would take jest minutes to walk.
  roots: ['<rootDir>/test', '<rootDir>/harness', '<rootDir>/scenarios', '<rootDir>/labs'],
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': tsJest },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testEnvironment: 'node',
};

export default {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      globalSetup: '<rootDir>/test/integration/global-setup.js',
      globalTeardown: '<rootDir>/test/integration/global-teardown.js',
    },
    // The kind leg (`make test-kind`, CLUSTER=kind): its own project, so `make test`, which runs the
    // integration tests on whichever cluster CLUSTER picks, leaves it out. No global setup: the leg
    // brings its cluster up and takes it down itself, as what it proves.
    {
      ...common,
      displayName: 'kind',
      testMatch: ['<rootDir>/test/kind/**/*.test.ts'],
    },
  ],
};
