import type { UserWorkspaceConfig } from 'vitest/config'

export interface VitestPresetOptions {
  typecheck?: boolean
  testTimeout?: number
}

export function createVitestConfig(options?: VitestPresetOptions): UserWorkspaceConfig

declare const config: UserWorkspaceConfig
export default config
