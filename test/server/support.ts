/**
 * A real server on 127.0.0.1, port 0, over a temporary data directory and a
 * test store of the chosen backend (PGlite in memory, or an isolated
 * PostgreSQL schema).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { DestinationStream } from 'pino';
import { loadConfig } from '../../src/config/index.ts';
import { openServices, type Services } from '../../src/runtime/services.ts';
import { startServer, type RunningServer, type StartOptions } from '../../src/server/index.ts';
import { openTestStore, type Backend } from '../support/backends.ts';

export const TEST_TOKEN = 'test-operator-token-0123456789';

export interface TestServer {
  readonly services: Services;
  readonly server: RunningServer;
  readonly url: string;
  readonly dataDir: string;
  /** Closes the server (idempotent) and removes the data directory. */
  close(): Promise<void>;
}

export async function startTestServer(
  backend: Backend,
  options: {
    mode?: 'sandbox' | 'production';
    argv?: readonly string[];
    configure?: (app: FastifyInstance) => void;
    /** Where the server logs (give `--log-level` in argv too: the default is silent). */
    logStream?: DestinationStream;
    /** More start options (the services `serve` starts: startForwarding, …). */
    start?: Partial<StartOptions>;
  } = {},
): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'regd-server-'));
  const config = loadConfig({
    argv: ['--data-dir', dataDir, '--host', '127.0.0.1', '--port', '0', '--log-level', 'silent', '--mode', options.mode ?? 'sandbox', ...(options.argv ?? [])],
    env: { REGD_OPERATOR_TOKEN: TEST_TOKEN },
  });
  const services = await openServices(config, { store: await openTestStore(backend) });
  const server = await startServer(services, {
    operatorToken: TEST_TOKEN,
    ...(options.configure ? { configure: options.configure } : {}),
    ...(options.logStream ? { logStream: options.logStream } : {}),
    ...options.start,
  });
  return {
    services,
    server,
    url: server.url,
    dataDir,
    async close() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface OpsResponse {
  readonly status: number;
  readonly body: { result?: unknown; error?: { code: string; message: string } };
}

/** POST /_ops/run with the test token (or the given authorization header value; null: none). */
export async function ops(url: string, command: string, options: Record<string, unknown> = {}, authorization: string | null = `Bearer ${TEST_TOKEN}`): Promise<OpsResponse> {
  const res = await fetch(`${url}/_ops/run`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization !== null ? { authorization } : {}) },
    body: JSON.stringify({ command: command.split(' '), options }),
  });
  return { status: res.status, body: (await res.json()) as OpsResponse['body'] };
}

/** Polls `check` until it returns true or the deadline passes. */
export async function waitFor(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
