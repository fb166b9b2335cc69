import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** A certificate PEM written for the user to trust, and how to remove what was created. */
export interface CertificateFile {
  path: string
  /** Removes the private directory made for it (a path the user chose is left in place). */
  remove(): void
}

/**
 * Writes the emulator's certificate PEM where no one else can have prepared the path: into a
 * fresh private directory (`mkdtemp`, mode 0700), or to `path` when given; either way with
 * exclusive create (an existing file or symlink there is an error, never followed) and mode
 * 0600.
 */
export function writeCertificateFile(certificate: string, path?: string): CertificateFile {
  if (path !== undefined) {
    writeFileSync(path, certificate, { flag: 'wx', mode: 0o600 })
    return { path, remove() {} }
  }
  const directory = mkdtempSync(join(tmpdir(), 'flex-emulator-'))
  const file = join(directory, 'certificate.pem')
  try {
    writeFileSync(file, certificate, { flag: 'wx', mode: 0o600 })
  } catch (error) {
    rmSync(directory, { recursive: true, force: true })
    throw error
  }
  return { path: file, remove: () => rmSync(directory, { recursive: true, force: true }) }
}
