import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'

/** A file the emulator serves as is, with its Subresource Integrity value. */
interface ServedAsset {
  contentType: string
  bytes: Buffer
  /** `sha256-<base64>`, the `integrity` attribute value matching `bytes`. */
  integrity: string
}

/** The emulated Microform v2 library, its field page and script, and the Unified Checkout one. */
export interface MicroformAssets {
  byPath: ReadonlyMap<string, ServedAsset>
  library: { path: string; integrity: string }
  checkoutLibrary: { path: string; integrity: string }
}

const MICROFORM_LIBRARY_PATH = '/microform/bundle/v2/flex-microform.min.js'
const CHECKOUT_LIBRARY_PATH = '/uc/v1/assets/flex-emulator/SecureAcceptance.js'

const FILES = [
  [MICROFORM_LIBRARY_PATH, 'microform/flex-microform.js', 'text/javascript; charset=utf-8'],
  ['/microform/bundle/v2/field.html', 'microform/field.html', 'text/html; charset=utf-8'],
  ['/microform/bundle/v2/field.js', 'microform/field.js', 'text/javascript; charset=utf-8'],
  [
    '/microform/bundle/v2/card-brands.js',
    'microform/card-brands.js',
    'text/javascript; charset=utf-8',
  ],
  [
    '/microform/bundle/v2/field-crypto.js',
    'microform/field-crypto.js',
    'text/javascript; charset=utf-8',
  ],
  [
    '/microform/bundle/v2/parent-origin.js',
    'microform/parent-origin.js',
    'text/javascript; charset=utf-8',
  ],
  [CHECKOUT_LIBRARY_PATH, 'checkout-library.js', 'text/javascript; charset=utf-8'],
] as const

/**
 * Reads the served files once, at start: their bytes never change afterwards, so the integrity
 * value written into every capture context is the hash of what the browser receives.
 */
export async function loadMicroformAssets(): Promise<MicroformAssets> {
  // Built, the files sit beside the bundle (tsup's publicDir); from source, in ../assets.
  const built = new URL('./', import.meta.url)
  const directory = existsSync(new URL(FILES[0][1], built))
    ? built
    : new URL('../assets/', import.meta.url)
  const entries = await Promise.all(
    FILES.map(async ([path, file, contentType]) => {
      const bytes = await readFile(new URL(file, directory))
      const integrity = `sha256-${createHash('sha256').update(bytes).digest('base64')}`
      return [path, { contentType, bytes, integrity }] as const
    }),
  )
  const byPath = new Map<string, ServedAsset>(entries)
  const integrityOf = (path: string) => byPath.get(path)?.integrity ?? ''
  return {
    byPath,
    library: { path: MICROFORM_LIBRARY_PATH, integrity: integrityOf(MICROFORM_LIBRARY_PATH) },
    checkoutLibrary: { path: CHECKOUT_LIBRARY_PATH, integrity: integrityOf(CHECKOUT_LIBRARY_PATH) },
  }
}
