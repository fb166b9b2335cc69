import { existsSync } from 'node:fs'

/** Where the browser tests look for Chromium (the Debian package `chromium`, as `.ci/run` installs). */
const CHROMIUM_PATH = '/usr/bin/chromium'

const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
]

/** playwright-core's `chromium`, passed in so that test-utils needs no browser package itself. */
export interface ChromiumLauncher<Browser> {
  launch(options: { executablePath: string; args: string[] }): Promise<Browser>
}

/** A started browser, or why the browser tests are skipped on this machine. */
export type ChromiumLaunch<Browser> =
  | { browser: Browser; skip?: undefined }
  | { browser?: undefined; skip: string }

/**
 * Starts headless Chromium from `/usr/bin/chromium` for a browser test. When it is missing the
 * answer is a note to skip the tests with on a developer's machine; under CI (`CI` set) a missing
 * browser is a failure instead: it throws.
 *
 * @example
 * ```ts
 * import { chromium } from 'playwright-core'
 * const launched = await launchChromium(chromium)
 * if (launched.skip) skip(launched.skip)
 * ```
 */
export async function launchChromium<Browser>(
  launcher: ChromiumLauncher<Browser>,
): Promise<ChromiumLaunch<Browser>> {
  if (!existsSync(CHROMIUM_PATH)) {
    const note = `${CHROMIUM_PATH} is missing: install the Debian package chromium (.ci/run does)`
    if (process.env.CI) throw new Error(note)
    return { skip: note }
  }
  return { browser: await launcher.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS }) }
}
