import type { Options } from 'tsup'

export function createTsupConfig(overrides?: Options): Options
declare const config: Options
export default config
