/**
 * The embedded database may be opened by one process at a time. The process
 * that opens it holds <dataDir>/pglite.lock: its pid on the first line and a
 * random nonce on the second. Another process finding a live pid there
 * refuses with a clear message (and the CLI talks to the running server
 * instead). A lock left by a dead process (or empty, or unreadable as a pid)
 * is taken over.
 *
 * Every step that decides who holds a file is atomic, so of any number of
 * processes starting at the same instant exactly one wins:
 *
 * - A lock file is never written in place: the content goes into a private
 *   temporary file first, which is then link()ed to the lock's name; link
 *   fails with EEXIST when the name exists, so the lock appears complete or
 *   not at all, and to one creator only.
 * - A stale lock is removed only by the holder of a claim on it: a file named
 *   after the stale lock's identity (device, inode and content), taken with
 *   the same link() step, so one taker per stale lock. The claim holder
 *   re-reads the lock and removes it only if it is still that very file (same
 *   inode, same content, nonce included); then everyone races to link() again.
 *   A claim left by a dead taker is itself stale and is taken over the same
 *   way (a claim on the claim), so a crash at any step blocks nobody.
 * - A process removes only files it has verified: its own lock on release
 *   (same inode and nonce), a stale lock under a claim, its own claim.
 */
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, fstatSync, linkSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export class DataDirInUse extends Error {
  constructor(readonly dataDir: string, readonly pid: number) {
    super(`the data directory ${dataDir} is in use by process ${pid} (a running regd server?); stop it, or let the CLI talk to it`);
    this.name = 'DataDirInUse';
  }
}

export interface DataDirLock {
  release(): void;
}

export const LOCK_FILE = 'pglite.lock';

/** Claims on claims deeper than this mean something other than crashed regd processes is at work. */
const MAX_CLAIM_DEPTH = 4;
/** How long to wait for a live process that holds a claim (it needs a few system calls) before reporting it as the holder. */
const CLAIM_WAIT_MS = 5_000;

/** The lock files this process holds (a second open in the same process is refused, not taken over). */
const heldHere = new Set<string>();

export function lockDataDir(dataDir: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = join(dataDir, LOCK_FILE);
  const result = acquire(file, 0);
  if (result.kind === 'held') throw new DataDirInUse(dataDir, result.pid);
  const mine = result.identity;
  heldHere.add(key(file, mine));
  removeDeadTemporaries(dataDir);
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      heldHere.delete(key(file, mine));
      removeIfSame(file, mine);
    },
  };
}

interface Identity {
  readonly dev: bigint;
  readonly ino: bigint;
  readonly content: string;
}

type Acquired = { readonly kind: 'won'; readonly identity: Identity } | { readonly kind: 'held'; readonly pid: number };

/** Creates `file` holding this pid, or names the live process that holds it, taking over a stale holder's file. */
function acquire(file: string, depth: number): Acquired {
  const deadline = Date.now() + CLAIM_WAIT_MS;
  for (;;) {
    const created = createExclusive(file);
    if (created) return { kind: 'won', identity: created };
    const seen = readIdentity(file);
    if (!seen) continue; // removed meanwhile: try to create it again
    const holder = holderPid(seen.content);
    if (holder !== undefined && isLiveHolder(file, seen, holder)) return { kind: 'held', pid: holder };
    // Stale: whoever holds the claim on this very file may remove it.
    if (depth >= MAX_CLAIM_DEPTH) throw new Error(`cannot lock ${file}: too many stale claim files next to it; remove ${file}.claim-* once no regd process runs`);
    const claimFile = claimFileOf(file, seen);
    const claim = acquire(claimFile, depth + 1);
    if (claim.kind === 'held') {
      // Another live process is taking the stale lock over right now.
      if (Date.now() > deadline) return claim;
      sleep(2);
      continue;
    }
    try {
      const now = readIdentity(file);
      if (now && sameIdentity(now, seen)) unlinkSync(file);
    } finally {
      removeIfSame(claimFile, claim.identity);
    }
  }
}

/** The claim a taker of `file` as it stands now would need (tests plant a claim left by a dead taker with it); undefined when `file` does not exist. */
export function claimFileFor(file: string): string | undefined {
  const seen = readIdentity(file);
  return seen && claimFileOf(file, seen);
}

function claimFileOf(file: string, seen: Identity): string {
  return `${file}.claim-${digest(seen)}`;
}

/** Writes this pid and a nonce into a private temporary file and links it to `file`: undefined if `file` exists. */
function createExclusive(file: string): Identity | undefined {
  const content = `${process.pid}\n${randomBytes(16).toString('hex')}\n`;
  const temp = `${file}.tmp-${process.pid}-${randomBytes(6).toString('hex')}`;
  const fd = openSync(temp, 'wx', 0o600);
  let identity: Identity;
  try {
    writeFileSync(fd, content);
    const st = fstatSync(fd, { bigint: true });
    identity = { dev: st.dev, ino: st.ino, content };
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(temp, file);
    return identity;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return undefined;
    throw e;
  } finally {
    unlinkSync(temp);
  }
}

/** Temporary files left by a process killed between creating and removing them (their names carry the dead pid). */
function removeDeadTemporaries(dataDir: string): void {
  for (const name of readdirSync(dataDir)) {
    const m = /^pglite\.lock.*\.tmp-(\d+)-[0-9a-f]+$/.exec(name);
    if (m && Number(m[1]) !== process.pid && !isAlive(Number(m[1]))) rmSync(join(dataDir, name), { force: true });
  }
}

/** The inode and content of `file`, read through one descriptor (so they belong together); undefined when it does not exist. */
function readIdentity(file: string): Identity | undefined {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  try {
    const st = fstatSync(fd, { bigint: true });
    return { dev: st.dev, ino: st.ino, content: readFileSync(fd, 'utf8') };
  } finally {
    closeSync(fd);
  }
}

function sameIdentity(a: Identity, b: Identity): boolean {
  return a.dev === b.dev && a.ino === b.ino && a.content === b.content;
}

/** Removes `file` if it is still the one described (nobody else removes a live process's file, so it cannot change in between). */
function removeIfSame(file: string, identity: Identity): void {
  const now = readIdentity(file);
  if (now && sameIdentity(now, identity)) unlinkSync(file);
}

function holderPid(content: string): number | undefined {
  const n = Number(content.split('\n', 1)[0]!.trim());
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

/**
 * A file naming this very process is live only if this process holds it:
 * otherwise it was left by an earlier process that had the same pid (after a
 * reboot, or in a container where regd is always pid 1).
 */
function isLiveHolder(file: string, seen: Identity, pid: number): boolean {
  if (pid === process.pid) return heldHere.has(key(file, seen));
  return isAlive(pid);
}

function key(file: string, identity: Identity): string {
  return `${file}\0${digest(identity)}`;
}

function digest(identity: Identity): string {
  return createHash('sha256').update(`${identity.dev}:${identity.ino}:${identity.content}`).digest('hex').slice(0, 20);
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));
function sleep(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

