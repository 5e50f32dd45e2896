import { createRequire, register } from 'node:module'
import { pathToFileURL } from 'node:url'
import { cacheDir } from '../cache.js'

/**
 * Loads TypeScript schema and config files without a bundler: a module hook
 * (`module.register`, on the loader thread) transpiles each `.ts`/`.mts`
 * file with the TypeScript compiler that ts-morph already ships (so the
 * install carries no esbuild), and keeps the output in a cache keyed by a
 * hash of the source, so a schema that did not change never loads the
 * compiler again. Relative and absolute imports written the NodeNext way (`./x.js` for
 * `./x.ts`) or without an extension resolve to the TypeScript file; the
 * toolkit's own entry points stand in when a file outside a project cannot
 * resolve `schemaforge`.
 *
 * Syntax errors are thrown as `file:line:column: ERROR: text` lines (the
 * shape esbuild used, so one parser serves both), which `describeLoadError` turns into a located message with a code frame; source
 * maps are inlined and enabled, so a schema that throws while it loads is
 * reported at its own line.
 */
const HOOKS = `
import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

let own = {}, compiler = '', cache = ''
let ts
export function initialize(data) { ({ own, compiler, cache } = data) }

const isTs = (url) => url.startsWith('file:') && /\\.[cm]?ts$/.test(new URL(url).pathname)
const candidates = (s) => [s.replace(/\\.js$/, '.ts').replace(/\\.mjs$/, '.mts').replace(/\\.cjs$/, '.cts'), s + '.ts', s + '/index.ts'].filter((c) => c !== s)

export async function resolve(specifier, context, next) {
  try { return await next(specifier, context) } catch (e) {
    if (!e || e.code !== 'ERR_MODULE_NOT_FOUND') throw e
    if (own[specifier]) return { url: own[specifier], shortCircuit: true }
    if (context.parentURL && isTs(context.parentURL) && /^(\\.{1,2}\\/|\\/|file:)/.test(specifier))
      for (const c of candidates(specifier)) { try { return await next(c, context) } catch {} }
    throw e
  }
}

function transpile(file, source) {
  const out = ts.transpileModule(source, {
    fileName: file,
    reportDiagnostics: true,
    compilerOptions: { module: /\\.cts$/.test(file) ? ts.ModuleKind.CommonJS : ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, inlineSourceMap: true, inlineSources: true, jsx: ts.JsxEmit.Preserve },
  })
  const errors = (out.diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error && d.file)
  if (errors.length) {
    const lines = errors.map((d) => {
      const { line, character } = d.file.getLineAndCharacterOfPosition(d.start ?? 0)
      return file + ':' + (line + 1) + ':' + character + ': ERROR: ' + ts.flattenDiagnosticMessageText(d.messageText, ' ')
    })
    throw new SyntaxError('Transform failed with ' + errors.length + ' error' + (errors.length === 1 ? '' : 's') + ':\\n' + lines.join('\\n'))
  }
  return out.outputText
}

export async function load(url, context, next) {
  if (!isTs(url)) return next(url, context)
  const file = fileURLToPath(url)
  const source = readFileSync(file, 'utf8')
  const key = createHash('sha256').update('v1\\0' + compiler + '\\0').update(file).update('\\0').update(source).digest('hex')
  const cached = path.join(cache, key.slice(0, 40) + '.js')
  let code
  try { code = readFileSync(cached, 'utf8') } catch {}
  if (code === undefined) {
    ts ??= (await import(compiler)).default
    code = transpile(file, source)
    try {
      mkdirSync(cache, { recursive: true, mode: 0o700 })
      const tmp = cached + '.' + process.pid
      writeFileSync(tmp, code)
      renameSync(tmp, cached)
    } catch {}
  }
  return { format: /\\.cts$/.test(file) ? 'commonjs' : 'module', source: code, shortCircuit: true }
}
`


/** The TypeScript compiler's file: the one ts-morph ships (`@ts-morph/common`). */
function compilerFile(): string {
  // Resolved from ts-morph's own folder: @ts-morph/common is its dependency, not ours (strict layouts such as pnpm's).
  const tsMorph = createRequire(import.meta.url).resolve('ts-morph')
  return createRequire(tsMorph).resolve('@ts-morph/common/dist/typescript.js')
}

/**
 * Registers the TypeScript hook once per process. `own` maps bare
 * specifiers (`schemaforge`, `schemaforge/query`) to files used when normal
 * resolution fails.
 */
export function registerTypeScript(own: Record<string, string>): void {
  // Stack traces of a schema that throws point at its own lines, through the inlined source maps.
  process.setSourceMapsEnabled(true)
  const urls = Object.fromEntries(Object.entries(own).map(([k, f]) => [k, pathToFileURL(f).href]))
  register('data:text/javascript,' + encodeURIComponent(HOOKS), { data: { own: urls, compiler: pathToFileURL(compilerFile()).href, cache: cacheDir('ts', process.env.SCHEMA_TS_CACHE) } })
}
