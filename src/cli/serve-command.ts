/**
 * `regd serve`: open the services, seed the sandbox demo on an empty
 * database, listen, print where, and run until SIGINT/SIGTERM.
 */
import type { Config } from '../config/index.ts';
import { ensureOperatorToken } from '../config/index.ts';
import { dialectsFor } from '../dialects/index.ts';
import { DataDirInUse } from '../runtime/data-dir-lock.ts';
import { seedDemoIfEmpty } from '../runtime/seed-demo.ts';
import { openServices, type Services } from '../runtime/services.ts';
import { startServer } from '../server/index.ts';
import { startBanner } from './banner.ts';
import { findRunningServer } from './client.ts';
import { CommandError } from '../ops/index.ts';

export async function serve(config: Config, out: (text: string) => void): Promise<void> {
  const running = await findRunningServer(config);
  if (running) throw new CommandError('ALREADY_RUNNING', `a regd server for ${config.dataDir} is already running at ${running.url} (pid ${running.pid})`);
  let services: Services;
  try {
    services = await openServices(config);
  } catch (e) {
    if (e instanceof DataDirInUse) throw new CommandError('DATA_DIR_IN_USE', e.message);
    throw e;
  }
  try {
    const operatorToken = ensureOperatorToken(config);
    const demo = config.mode === 'sandbox' && config.seedDemo ? await seedDemoIfEmpty(services.engine) : undefined;
    const dialects = dialectsFor(config);
    const server = await startServer(services, { operatorToken, handleSignals: true, dialects, startDns: true, startForwarding: true, startMail: true, startWhois: true });
    out(startBanner({
      url: server.url, config, storeKind: services.store.kind, dialects, whoisPort: server.whoisPort,
      forwarding: server.forwarding && { scheme: server.forwarding.scheme, port: server.forwarding.port },
      mail: server.mail && { port: server.mail.smtp?.port, smarthost: server.mail.outbox !== undefined },
      ...(demo ? { demo } : {}),
    }));
    await server.closed;
  } catch (e) {
    await services.close();
    throw e;
  }
}
