import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { Config, SchemaEntry } from '../config.js'
import { UserError } from '../errors.js'
import type { SchemaIR } from '../ir/types.js'
import { formatProblem, validate, type Problem } from '../ir/validate.js'
import { describeLoadError } from './errors.js'
import { registerTypeScript } from './typescript.js'

/** A schema loaded from disk, validated. */
export interface LoadedSchema {
  /** The name in the config (or the file's base name). */
  readonly name: string
  /** The file, relative to the project root (for messages). */
  readonly file: string
  readonly ir: SchemaIR
  readonly entry: SchemaEntry
  /** What validation warns about without refusing the schema (the engine accepts it). */
  readonly warnings?: readonly Problem[]
}

const CONFIG_FILES = ['schema.config.ts', 'schema.config.mts', 'schema.config.js', 'schema.config.mjs']

// The TypeScript loader hook, registered once per process (one loader thread and one module
// namespace for every schema, so the DSL and Kysely load once).
let loader: Promise<unknown> | undefined

/** Whether `file`, or a TypeScript file it names (a config's schema files), imports Kysely or the query DSL. */
function usesKysely(file: string): boolean {
  const text = readFileSync(file, 'utf8')
  const named = [...text.matchAll(/['"]([^'"\n]+\.[cm]?ts)['"]/g)].map((m) => path.resolve(path.dirname(file), m[1]!))
  return [text, ...named.filter((f) => existsSync(f)).map((f) => readFileSync(f, 'utf8'))].some((t) => /from\s*['"](kysely|schemaforge\/query)['"]/.test(t))
}

/**
 * The toolkit's own entry points, for schema files that cannot resolve them
 * (a pulled file in /tmp, a project without node_modules): `dist/index.js`
 * beside this file's folder, or `src/index.ts` when running from source.
 */
export function ownEntryPoints(): Record<string, string> {
  const here = path.dirname(fileURLToPath(import.meta.url))
  const find = (base: string) => [`${base}.js`, `${base}.ts`].map((f) => path.join(here, '..', f)).find((f) => existsSync(f))
  const out: Record<string, string> = {}
  for (const [spec, base] of [['schemaforge', 'index'], ['schemaforge/query', 'query']] as const) {
    const file = find(base)
    if (file) out[spec] = file
  }
  return out
}

async function registerLoader(first: string): Promise<void> {
  // Once the hook is registered, each module file imported is a round trip to the loader thread: Kysely's
  // ~280 files take 0.5 s that way and 0.2 s natively, so schemas with query patterns get it first.
  if (usesKysely(first)) await import('../query.js')
  registerTypeScript(ownEntryPoints())
}

/** Imports a TypeScript or JavaScript module; TypeScript goes through the hook of ./typescript.ts, registered only here. */
async function importModule(file: string): Promise<Record<string, unknown>> {
  if (!/\.[mc]?js$/.test(file)) await (loader ??= registerLoader(file))
  return import(pathToFileURL(file).href)
}

function failure(file: string, e: unknown, root: string): UserError {
  const { message, located } = describeLoadError(e, root)
  const missing = /Cannot find (?:module|package) '([^']+)'/.exec(message)?.[1]
  const pkg = missing?.split('/').slice(0, missing.startsWith('@') ? 2 : 1).join('/')
  const hint =
    missing && /^[./]/.test(missing)
      ? 'fix the import path'
      : missing
        ? `install it in the project (npm install ${pkg}), or fix the import`
        : located
          ? 'fix the code at the line shown above'
          : 'fix the error in that file'
  return new UserError(`${file}: cannot load:\n${message.replace(/^/gm, '  ')}`, hint)
}

/** The project root: the nearest folder upwards holding a schema config. */
export function findRoot(from = process.cwd()): string | undefined {
  let dir = path.resolve(from)
  for (;;) {
    if (CONFIG_FILES.some((f) => existsSync(path.join(dir, f)))) return dir
    const up = path.dirname(dir)
    if (up === dir) return undefined
    dir = up
  }
}

/** Loads `schema.config.ts`; undefined when there is none. */
export async function loadConfig(root: string | undefined = findRoot()): Promise<{ root: string; config: Config } | undefined> {
  if (!root) return undefined
  const file = CONFIG_FILES.map((f) => path.join(root, f)).find((f) => existsSync(f))
  if (!file) return undefined
  let mod: Record<string, unknown>
  try {
    mod = await importModule(file)
  } catch (e) {
    throw failure(path.basename(file), e, root)
  }
  const config = unwrapDefault(mod.default ?? mod) as Config
  if (!config || typeof config !== 'object' || typeof config.schemas !== 'object')
    throw new UserError(`${path.basename(file)}: the default export is not a configuration`, 'export default defineConfig({ schemas: { name: { file: "schemas/name.ts" } } })')
  return { root, config }
}

// A CommonJS config or schema (.cjs, .cts) can arrive with its default export wrapped once more.
function unwrapDefault(v: unknown): unknown {
  const d = (v as { default?: unknown })?.default
  return d && typeof d === 'object' && !('schemas' in (v as object)) ? d : v
}

function isSchemaIR(v: unknown): v is SchemaIR {
  const o = v as SchemaIR
  return !!o && typeof o === 'object' && typeof o.name === 'string' && Array.isArray(o.tables) && Array.isArray(o.dialects)
}

/** Imports one schema file and validates it; throws a {@link UserError} listing every problem. */
export async function loadSchemaFile(file: string, name?: string, entry: SchemaEntry = { file }, root = process.cwd()): Promise<LoadedSchema> {
  const abs = path.resolve(root, file)
  const rel = path.relative(root, abs) || abs
  if (!existsSync(abs)) throw new UserError(`schema file ${rel} does not exist`, 'check the path, or the file listed in schema.config.ts')
  let mod: Record<string, unknown>
  try {
    mod = await importModule(abs)
  } catch (e) {
    throw failure(rel, e, root)
  }
  let ir = mod.default as unknown
  if (!isSchemaIR(ir) && isSchemaIR((ir as { default?: unknown })?.default)) ir = (ir as { default: unknown }).default
  if (!isSchemaIR(ir)) throw new UserError(`${rel}: the default export is not a schema`, 'export default defineSchema({ name, tables: { … } })')
  const found: Problem[] = validate(ir).map((p) => ({ ...p, file: rel }))
  const problems = found.filter((p) => p.severity !== 'warning')
  const warnings = found.filter((p) => p.severity === 'warning')
  if (problems.length) {
    throw new UserError(
      `${rel}: the schema has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n` + problems.map((p) => '  - ' + formatProblem({ ...p, file: undefined })).join('\n'),
      'fix each problem listed above',
      problems,
    )
  }
  return { name: name ?? ir.name, file: rel, ir, entry: { ...entry, file: rel }, ...(warnings.length ? { warnings } : {}) }
}

/**
 * Resolves `--schema`: a name from `schema.config.ts`, a path to a schema
 * file, or (when absent) every schema in the config.
 */
export async function loadSchemas(ref: string | undefined, options: { all?: boolean; single?: boolean } = {}): Promise<LoadedSchema[]> {
  const looksLikeFile = ref !== undefined && (/\.[cm]?[jt]s$/.test(ref) || ref.includes('/') || ref.includes(path.sep))
  if (looksLikeFile) return [await loadSchemaFile(ref!)]
  const loaded = await loadConfig()
  if (!loaded) {
    if (ref) throw new UserError(`no schema.config.ts found, so "${ref}" cannot be looked up by name`, 'pass a path to the schema file (--schema schemas/x.ts) or create schema.config.ts')
    throw new UserError('no schema given and no schema.config.ts found', 'pass --schema path/to/schema.ts or create schema.config.ts')
  }
  const { root, config } = loaded
  const names = Object.keys(config.schemas)
  if (ref) {
    const entry = config.schemas[ref]
    if (!entry) throw new UserError(`schema "${ref}" is not in schema.config.ts`, `use one of: ${names.join(', ')}`)
    return [await loadSchemaFile(entry.file, ref, entry, root)]
  }
  if (options.single && !options.all && names.length !== 1)
    throw new UserError(`schema.config.ts lists ${names.length} schemas; this command needs one`, `pass --schema with one of: ${names.join(', ')}`)
  const out: LoadedSchema[] = []
  const errors: string[] = []
  for (const n of names) {
    try {
      out.push(await loadSchemaFile(config.schemas[n]!.file, n, config.schemas[n]!, root))
    } catch (e) {
      if (!(e instanceof UserError)) throw e
      errors.push(e.message)
    }
  }
  if (errors.length) throw new UserError(errors.join('\n'), 'fix each problem listed above')
  return out
}
