import path from 'node:path'
import { UserError } from '../errors.js'

export { nativeModuleError } from '../db/native.js'

const VERBS: Record<string, string> = {
  open: 'cannot open',
  mkdir: 'cannot create the folder',
  rmdir: 'cannot remove the folder',
  unlink: 'cannot remove',
  rename: 'cannot replace',
  copyfile: 'cannot copy to',
  scandir: 'cannot read the folder',
  write: 'cannot write',
}

/**
 * A permission or read-only failure of the file system (EACCES, EPERM,
 * EROFS) or of SQLite (SQLITE_READONLY*, SQLITE_PERM), with a hint that fits
 * it; undefined for any other error.
 */
export function permissionError(e: unknown, cwd = process.cwd()): UserError | undefined {
  const err = e as { code?: string; syscall?: string; path?: string; message?: string }
  if (err?.code === 'EACCES' || err?.code === 'EPERM' || err?.code === 'EROFS') {
    const where = err.path ? path.relative(cwd, err.path) || err.path : 'a file'
    const verb = VERBS[err.syscall ?? ''] ?? 'cannot access'
    const folder = err.path ? path.dirname(path.relative(cwd, err.path) || err.path) : 'its folder'
    if (err.code === 'EROFS')
      return new UserError(`${verb} ${where}: the file system is read-only (EROFS)`, 'run where the project can be written, or set `generated` / `migrations` in schema.config.ts to a writable folder')
    return new UserError(
      `${verb} ${where}: permission denied (${err.code})`,
      `${where} or its folder (${folder}) is not writable by this user: check the owner and mode (ls -ld ${folder}), e.g. chmod u+w, or run as the owner`,
    )
  }
  if (/^SQLITE_(READONLY|PERM)/.test(err?.code ?? ''))
    return new UserError(
      `the SQLite database is read-only: ${err.message} (${err.code})`,
      'make the database file and its folder writable by this user (SQLite writes a journal beside the file), or point --db at a writable copy',
    )
  return undefined
}
