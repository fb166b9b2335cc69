import { defineProject } from 'vitest/config'

/**
 * The shared Vitest preset of every workspace package: Node environment, tests beside the code,
 * mocks and stubbed globals restored between tests, and a JSON report that `.ci/run` sums into
 * its `N passed, M failed` line.
 *
 * @param {{ typecheck?: boolean, testTimeout?: number }} [options]
 */
export function createVitestConfig(options = {}) {
  return defineProject({
    test: {
      environment: 'node',
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      clearMocks: true,
      restoreMocks: true,
      unstubGlobals: true,
      testTimeout: options.testTimeout ?? 20_000,
      reporters: ['default', 'json'],
      outputFile: { json: './.vitest-results.json' },
      typecheck: {
        enabled: options.typecheck ?? false,
        include: ['src/**/*.test-d.ts'],
        tsconfig: './tsconfig.json',
      },
    },
  })
}

export default createVitestConfig()
