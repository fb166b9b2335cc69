import { createVitestConfig } from 'vitest-config'

export default createVitestConfig({ testTimeout: 120_000 })
