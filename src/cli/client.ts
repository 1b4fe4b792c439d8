/**
 * Talking to a running server: <dataDir>/server.json names it; if it
 * answers /healthz, commands go through its operator API, else the CLI
 * works on the database directly.
 */
import type { Config } from '../config/index.ts';
import { readOperatorToken } from '../config/index.ts';
import { readServerFile, type ServerInfo } from '../runtime/server-file.ts';
import { CommandError, type Options } from '../ops/index.ts';

/** How long the CLI waits for a recorded server to answer before working directly. */
const PING_TIMEOUT_MS = 2000;

export async function findRunningServer(config: Config): Promise<ServerInfo | undefined> {
  const info = readServerFile(config.serverFile);
  if (!info) return undefined;
  try {
    const res = await fetch(new URL('/healthz', info.url), { signal: AbortSignal.timeout(PING_TIMEOUT_MS) });
    const body = (await res.json()) as { status?: unknown };
    return typeof body.status === 'string' ? info : undefined;
  } catch {
    return undefined;
  }
}

export async function runRemote(config: Config, server: ServerInfo, name: string, options: Options): Promise<unknown> {
  const token = readOperatorToken(config);
  if (token === undefined) {
    throw new CommandError('NO_OPERATOR_TOKEN', `a server is running at ${server.url}, but no operator token is available (set REGD_OPERATOR_TOKEN or make ${config.operatorTokenFile} readable)`);
  }
  const res = await fetch(new URL('/_ops/run', server.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ command: name.split(' '), options }),
  });
  let body: { result?: unknown; error?: { code?: unknown; message?: unknown } };
  try {
    body = (await res.json()) as typeof body;
  } catch {
    throw new CommandError('BAD_SERVER_RESPONSE', `the server at ${server.url} answered ${res.status} without JSON`);
  }
  if (res.ok && 'result' in body) return body.result;
  const code = typeof body.error?.code === 'string' ? body.error.code : `HTTP_${res.status}`;
  const message = typeof body.error?.message === 'string' ? body.error.message : `the server answered ${res.status}`;
  throw new CommandError(code, message);
}
