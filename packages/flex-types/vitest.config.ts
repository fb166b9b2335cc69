import { createVitestConfig } from 'vitest-config'

export default createVitestConfig({ typecheck: true })
