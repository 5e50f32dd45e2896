import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** A place in a source file (1-based line and column). */
export interface SourceLocation {
  readonly file: string
  readonly line: number
  readonly column: number
}

/** The lines around `loc` with a `>` on its line and a `^` under its column, as Babel's code frames look. */
export function codeFrame(source: string, line: number, column: number, context = 2): string {
  const lines = source.replace(/\r\n?/g, '\n').split('\n')
  const from = Math.max(1, line - context)
  const to = Math.min(lines.length, line + context)
  const width = String(to).length
  const out: string[] = []
  for (let n = from; n <= to; n++) {
    const gutter = ` ${String(n).padStart(width)} |`
    out.push(`${n === line ? '>' : ' '}${gutter}${lines[n - 1] ? ' ' + lines[n - 1] : ''}`)
    if (n === line) out.push(`  ${' '.repeat(width)} | ${' '.repeat(Math.max(0, column - 1))}^`)
  }
  return out.join('\n')
}

const toPath = (f: string) => (f.startsWith('file://') ? fileURLToPath(f) : f)

/**
 * Where a load failure happened: `file:line:col: ERROR: text` lines (a
 * syntax error, as the TypeScript hook of ./typescript.ts throws it), else the first stack frame in a file outside
 * node_modules and Node's internals (a schema that throws while it loads).
 */
export function errorLocations(e: unknown): { loc: SourceLocation; text?: string }[] {
  const err = e as Error
  const msg = err?.message ?? String(e)
  const syntax = [...msg.matchAll(/^(.+?):(\d+):(\d+): (?:ERROR|error): (.*)$/gm)].map((m) => ({
    loc: { file: toPath(m[1]!), line: Number(m[2]), column: Number(m[3]) + 1 },
    text: m[4]!,
  }))
  if (syntax.length) return syntax
  for (const m of (err?.stack ?? '').matchAll(/^\s+at (?:.*? \()?((?:file:\/\/)?\/[^():]+):(\d+):(\d+)\)?$/gm)) {
    const file = toPath(m[1]!)
    if (/[\\/]node_modules[\\/]/.test(file) || !existsSync(file)) continue
    return [{ loc: { file, line: Number(m[2]), column: Number(m[3]) } }]
  }
  return []
}

/**
 * The text of a load failure: the loader's own message (every line of it),
 * then each location as `file:line:column` relative to `root` with its code frame.
 */
export function describeLoadError(e: unknown, root: string): { message: string; located: boolean } {
  const err = e as Error
  const rel = (f: string) => path.relative(root, f) || f
  const found = errorLocations(e)
  const parts: string[] = []
  if (found.some((f) => f.text)) {
    for (const { loc, text } of found) parts.push(`${rel(loc.file)}:${loc.line}:${loc.column}: ${text}`, frameOf(loc))
  } else {
    parts.push(String(err?.message ?? e).trim())
    for (const { loc } of found) parts.push(`at ${rel(loc.file)}:${loc.line}:${loc.column}`, frameOf(loc))
  }
  return { message: parts.filter(Boolean).join('\n'), located: found.length > 0 }
}

function frameOf(loc: SourceLocation): string {
  try {
    return codeFrame(readFileSync(loc.file, 'utf8'), loc.line, loc.column)
  } catch {
    return ''
  }
}
