/**
 * Keeps an on-disk PGlite data directory readable by its owner only. It holds
 * every secret regd stores (password hashes, the KifDom token-signing key in
 * `settings` and in the WAL), and PGlite itself gives its files mode 0666:
 * its emulated file system chmods every file it creates to the mode
 * PostgreSQL asked for, so the process umask does not apply.
 *
 * OwnerOnlyNodeFS is PGlite's NodeFS with the group and other permission bits
 * cleared from every mode the emulated file system creates or sets (files
 * 0600, directories 0700); restrictTreeToOwner repairs a directory written
 * before (or by another program) when it is opened. It also keeps the
 * files' sizes (file-size-cache.ts).
 */
import { chmodSync, lstatSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { NodeFS } from '@electric-sql/pglite/nodefs';
import { keepFileSizes } from './file-size-cache.ts';

type InitOptions = Parameters<NodeFS['init']>[1];
type PreRun = NonNullable<InitOptions['preRun']>[number];

/** The parts of Emscripten's FS object that set modes (FS.create and FS.mkdir go through mknod; chmod, fchmod and open's chmod through doSetAttr). */
interface EmscriptenModeHooks {
  mknod(path: string, mode: number, dev: number): unknown;
  doSetAttr?(stream: unknown, node: unknown, attr: { mode?: number }): unknown;
}

const GROUP_OTHER = 0o077;

export class OwnerOnlyNodeFS extends NodeFS {
  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    super(dataDir);
  }

  override async init(pg: Parameters<NodeFS['init']>[0], opts: InitOptions): ReturnType<NodeFS['init']> {
    const result = await super.init(pg, opts);
    const ownerOnly: PreRun = (mod) => {
      const fs = mod.FS as unknown as EmscriptenModeHooks;
      const mknod = fs.mknod.bind(fs);
      fs.mknod = (path, mode, dev) => mknod(path, mode & ~GROUP_OTHER, dev);
      const doSetAttr = fs.doSetAttr?.bind(fs);
      if (doSetAttr) fs.doSetAttr = (stream, node, attr) => doSetAttr(stream, node, attr.mode === undefined ? attr : { ...attr, mode: attr.mode & ~GROUP_OTHER });
      // Relation sizes kept instead of an fstat per seek to the end (file-size-cache.ts).
      keepFileSizes((mod as unknown as { NODEFS: Parameters<typeof keepFileSizes>[0] }).NODEFS);
    };
    // First, so the hooks are in place before NodeFS mounts the directory and initdb writes the cluster.
    result.emscriptenOpts.preRun = [ownerOnly, ...(result.emscriptenOpts.preRun ?? [])];
    return result;
  }
}

/**
 * Clears the group and other bits of `path` (a symbolic link is followed only
 * with `follow`, for a configured directory; left alone when another user
 * owns it); false when it does not exist.
 */
export function restrictToOwner(path: string, follow = false): boolean {
  let mode: number;
  try {
    const st = follow ? statSync(path) : lstatSync(path);
    if (st.isSymbolicLink()) return true;
    mode = st.mode;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw e;
  }
  try {
    if ((mode & GROUP_OTHER) !== 0) chmodSync(path, mode & 0o7777 & ~GROUP_OTHER);
  } catch (e) {
    // Another user's file: only its owner (or root) may change its mode.
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') throw e;
  }
  return true;
}

/** restrictToOwner on `dir` (followed if it is a symbolic link) and everything under it (symbolic links there are neither changed nor followed). */
export function restrictTreeToOwner(dir: string): void {
  if (!restrictToOwner(dir, true) || !statSync(dir).isDirectory()) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) restrictTreeToOwner(path);
    else if (!entry.isSymbolicLink()) restrictToOwner(path);
  }
}
