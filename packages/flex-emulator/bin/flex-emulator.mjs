#!/usr/bin/env node
// Committed so that package managers can link the command before the package is built.
import '../dist/cli.js'
