import { createVitestConfig } from 'vitest-config'

// The browser test starts Chromium: give it room on a shared 2-core machine.
export default createVitestConfig({ testTimeout: 60_000 })
