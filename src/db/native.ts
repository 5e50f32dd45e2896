import { UserError } from '../errors.js'

/**
 * A failure of better-sqlite3's native module to load (built for another
 * Node ABI, a missing or foreign binary), as one message naming this Node and
 * the fix; undefined for any other error.
 */
export function nativeModuleError(e: unknown, node = process.version): UserError | undefined {
  // Already classified (by sqliteDriver, say): the same error, not a second wrapping.
  if (e instanceof UserError && e.message.startsWith('better-sqlite3 cannot be loaded by Node.js')) return e
  const msg = String((e as Error)?.message ?? e)
  if (!/better[-_]sqlite3/.test(msg) && !/better[-_]sqlite3/.test(String((e as Error)?.stack))) return undefined
  const built = /compiled against a different Node\.js version using\s+NODE_MODULE_VERSION (\d+)/.exec(msg)?.[1]
  const needs = /requires\s+NODE_MODULE_VERSION (\d+)/.exec(msg)?.[1]
  let why: string | undefined
  if (built && needs) why = `it was built for another Node.js version (NODE_MODULE_VERSION ${built}; this Node needs ${needs})`
  else if (/Could not locate the bindings file|Cannot find module .*better_sqlite3\.node/.test(msg)) why = 'its compiled binary (better_sqlite3.node) is missing'
  else if (/invalid ELF header|wrong ELF class|not a valid Win32 application|mach-o|undefined symbol|ERR_DLOPEN_FAILED/i.test(msg) || (e as { code?: string })?.code === 'ERR_DLOPEN_FAILED')
    why = 'its compiled binary does not fit this Node.js or platform'
  if (!why) return undefined
  return new UserError(`better-sqlite3 cannot be loaded by Node.js ${node}: ${why}`, `rebuild it for this Node: \`npm rebuild better-sqlite3\` (run with Node.js ${node})`)
}

type SqliteModule = typeof import('better-sqlite3')
let driver: Promise<SqliteModule> | undefined

/**
 * better-sqlite3, loaded once and checked by opening an in-memory database:
 * its binary loads only on the first open, and a binary built for another
 * Node would otherwise surface as a failure to open whatever file came first.
 */
export function sqliteDriver(): Promise<SqliteModule> {
  return (driver ??= (async () => {
    try {
      const mod = (await import('better-sqlite3')) as unknown as { default: SqliteModule }
      new mod.default(':memory:').close()
      return mod.default
    } catch (e) {
      throw nativeModuleError(e) ?? e
    }
  })())
}
