import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'web/src/**/*.test.{ts,tsx}', 'stacks/**/*.infra.test.ts'],
    // Tests that start DynamoDB Local pay a JVM start-up per file.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default', './scripts/summary-reporter.ts'],
    // Handlers log and publish EMF metrics through Powertools; tests that care capture them themselves.
    env: {
      POWERTOOLS_LOG_LEVEL: 'SILENT',
      POWERTOOLS_METRICS_DISABLED: 'true',
    },
  },
});
