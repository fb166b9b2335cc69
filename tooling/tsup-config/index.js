import { defineConfig } from 'tsup'

/**
 * The shared tsup preset of the published packages: ESM only, declarations, ES2022, readable
 * (not minified) and without source maps — see docs/decisions/0009-readable-builds-without-source-maps.md.
 * SDK packages build for the `neutral` platform, which keeps Node built-ins out of them; the
 * emulator passes `platform: 'node'` and its CLI entry.
 *
 * @param {import('tsup').Options} [overrides]
 */
export function createTsupConfig(overrides = {}) {
  return defineConfig({
    entry: ['src/index.ts'],
    format: ['esm'],
    dts: true,
    sourcemap: false,
    clean: true,
    target: 'es2022',
    platform: 'neutral',
    ...overrides,
  })
}

export default createTsupConfig()
