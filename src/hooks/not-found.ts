import type { Hook } from '@oclif/core/hooks'
import { closest } from '../cli/suggest.js'

/**
 * An unknown command: says so with the closest known command, exit 2, and
 * `{"error": …}` on stdout with `--json`, as every other error.
 */
const hook: Hook<'command_not_found'> = async function (options) {
  const ids = options.config.commandIDs.filter((id) => !id.startsWith('plugins') && id !== 'help')
  const guess = closest(options.id, ids)
  const bin = options.config.bin
  // Flags before any command (`schema --json`) reach this hook as the command id.
  const flagOnly = options.id.startsWith('-')
  const message = flagOnly ? `no command given (${options.id} is a flag)` : `command ${options.id} not found`
  const hint = `${guess && !flagOnly ? `did you mean \`${bin} ${guess}\`? ` : ''}\`${bin} --help\` lists every command`
  if (options.id === '--json' || options.argv?.includes('--json')) process.stdout.write(JSON.stringify({ error: { message, hint } }, null, 2) + '\n')
  else process.stderr.write(`Error: ${message}\n  → ${hint}\n`)
  process.exitCode = 2
}

export default hook
