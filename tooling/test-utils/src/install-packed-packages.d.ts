/** Runs the pnpm that runs us (inside `pnpm run …`), or the pinned one through npx. */
export declare function runPnpm(args: readonly string[], cwd: string): string

/** `npm install` of `dependencies` into a new `folder`, without scripts, audit or lock file. */
export declare function installWithNpm(folder: string, dependencies: Record<string, string>): void

/**
 * Packs `packageNames` (folders under `<root>/packages`) with `pnpm pack` into
 * `<work>/tarballs`, installs the tarballs with npm into `<work>/<folderName>` and returns that
 * folder.
 */
export declare function installPackedPackages(options: {
  root: string
  work: string
  packageNames: readonly string[]
  folderName?: string
}): string
