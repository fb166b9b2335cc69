import { createTsupConfig } from 'tsup-config'

export default createTsupConfig({ platform: 'node' })
