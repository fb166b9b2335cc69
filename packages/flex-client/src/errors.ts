// The error classes live one per file in errors/ (style guide: past ~6 classes); this path stays the
// package's one place to import them from.
export * from './errors/index.js'
