// Writes oclif.manifest.json after the build, so the CLI finds its commands
// without importing every command file at start-up (as `oclif manifest` does).
import { writeFileSync } from 'node:fs'
import { Plugin } from '@oclif/core'

const plugin = new Plugin({ root: process.cwd(), type: 'core', ignoreManifest: true, errorOnManifestCreate: true })
await plugin.load()
writeFileSync('oclif.manifest.json', JSON.stringify(plugin.manifest, null, 2) + '\n')
