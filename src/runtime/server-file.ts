/**
 * <dataDir>/server.json: a running server's URL and pid. The server writes it
 * once listening and removes it on shutdown; the CLI reads it to send its
 * commands to the server instead of opening the database itself. Mode 0600,
 * like everything in the data directory.
 */
import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

export interface ServerInfo {
  readonly url: string;
  readonly pid: number;
  readonly startedAt: string;
}

export function writeServerFile(file: string, info: ServerInfo): void {
  writeFileSync(file, JSON.stringify(info, null, 2) + '\n', { mode: 0o600 });
  // The mode given above applies only to a new file (one left by a killed server stays as it was).
  chmodSync(file, 0o600);
}

export function readServerFile(file: string): ServerInfo | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
  const d = doc as Partial<ServerInfo>;
  if (typeof d?.url !== 'string' || typeof d.pid !== 'number') return undefined;
  return { url: d.url, pid: d.pid, startedAt: String(d.startedAt ?? '') };
}

/** Removes the file if it is still this process's (a newer server may have replaced it). */
export function removeServerFile(file: string): void {
  if (readServerFile(file)?.pid === process.pid) rmSync(file, { force: true });
}
