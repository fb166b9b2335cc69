import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll } from 'vitest'
import { type RunningEmulator, useEmulator } from './use-emulator.js'

/** A TLS emulator for the suite plus a way to run one official-SDK child script against it. */
export interface OfficialSdkRun extends RunningEmulator {
  /** Runs the script in its own process (trusting the emulator's certificate); resolves stdout. */
  readonly runOfficialSdk: () => Promise<string>
}

/**
 * Starts a TLS emulator and a scratch directory for the suite (`beforeAll`, removed in
 * `afterAll`); `script` (a child script's URL) runs with the merchant credentials in env.
 */
export function useOfficialSdkRun(
  script: URL,
  { directoryPrefix, timeout }: { directoryPrefix: string; timeout: number },
): OfficialSdkRun {
  const running = useEmulator({ tls: true })
  let directory: string
  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), directoryPrefix))
  })
  afterAll(() => {
    rmSync(directory, { recursive: true, force: true })
  })
  function runOfficialSdk(): Promise<string> {
    const { emulator } = running
    const caPath = join(directory, 'emulator.pem')
    writeFileSync(caPath, emulator.certificate ?? '')
    return new Promise((resolve, reject) => {
      execFile(
        process.execPath,
        [fileURLToPath(script)],
        {
          cwd: directory,
          timeout,
          env: {
            PATH: process.env.PATH ?? '',
            NODE_EXTRA_CA_CERTS: caPath,
            FLEX_EMULATOR_HOST: new URL(emulator.url).host,
            FLEX_MERCHANT_ID: emulator.merchant.merchantId,
            FLEX_KEY_ID: emulator.merchant.keyId,
            FLEX_SHARED_SECRET: emulator.merchant.sharedSecret,
            FLEX_CA_PATH: caPath,
          },
        },
        (error, stdout) =>
          error ? reject(new Error('the official SDK run failed')) : resolve(stdout),
      )
    })
  }
  return {
    get emulator() {
      return running.emulator
    },
    lines: running.lines,
    runOfficialSdk,
  }
}
