import { createTsupConfig } from 'tsup-config'

export default createTsupConfig({
  entry: ['src/index.ts', 'src/cli.ts'],
  platform: 'node',
  // The emulated Microform library and its field page, served as they are (dist/microform/…).
  publicDir: 'assets',
})
