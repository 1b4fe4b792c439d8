/**
 * Listening and stopping. startServer listens, records <dataDir>/server.json
 * for the CLI, keeps the sandbox clock in step with the store (re-read every
 * second), runs the lifecycle sweeper every `sweepIntervalMs` and, on
 * SIGINT/SIGTERM or close(), shuts down gracefully: stop
 * accepting, let in-flight requests finish (at most shutdownTimeoutMs), then
 * close the store and remove server.json.
 */
import { startDnsThreads } from '../services/dns/index.ts';
import { dnsSource, PRUNE_INTERVAL_MS, startCredentialsFeed, startDnsChangePruner } from '../core/index.ts';
import { startTableMaintenance } from '../store/index.ts';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { DestinationStream } from 'pino';
import type { DialectRegistration } from '../dialects/index.ts';
import type { Services } from '../runtime/services.ts';
import { removeServerFile, writeServerFile } from '../runtime/server-file.ts';
import { startSweeper } from '../jobs/index.ts';
import { buildApp, ownNameServersOf } from './app.ts';
import { startForwardingServer, type RunningForwardingServer } from '../services/forwarding/index.ts';
import { startMailService, type RunningMailService } from '../services/mail/index.ts';
import { startWhoisServer } from '../services/whois/index.ts';

/** How often a sandbox server re-reads the clock offset another process may have moved. */
export const CLOCK_POLL_MS = 1000;

export interface StartOptions {
  readonly operatorToken: string;
  /** Install SIGINT/SIGTERM handlers (the `serve` command does; tests call close()). */
  readonly handleSignals?: boolean;
  readonly dialects?: readonly DialectRegistration[];
  /** Routes to add before listening (tests use this for slow requests). */
  readonly configure?: (app: FastifyInstance) => void;
  /** Start the authoritative DNS server too, when the configuration enables it (the `serve` command does). */
  readonly startDns?: boolean;
  /** Where the log goes; default standard output. */
  readonly logStream?: DestinationStream;
  /** Start the WHOIS server too, when the configuration enables it (the `serve` command does). */
  readonly startWhois?: boolean;
  /** Start the URL forwarding / stealth / parking HTTP service too, when the configuration enables it (the `serve` command does). */
  readonly startForwarding?: boolean;
  /** Start the e-mail forwarding SMTP service (when enabled) and the outbox delivery (when a smarthost is set) too (the `serve` command does). */
  readonly startMail?: boolean;
}

export interface RunningServer {
  readonly app: FastifyInstance;
  /** Base URL clients use, e.g. http://127.0.0.1:8080. */
  readonly url: string;
  /** Graceful shutdown; idempotent. Resolves once the store is closed. */
  close(): Promise<void>;
  /** Resolves when the server has shut down (by signal or close()). */
  readonly closed: Promise<void>;
  /** The WHOIS server's port, when it runs. */
  readonly whoisPort: number | undefined;
  /** The forwarding service, when started. */
  readonly forwarding: RunningForwardingServer | undefined;
  /** The mail service, when started. */
  readonly mail: RunningMailService | undefined;
}

export async function startServer(services: Services, options: StartOptions): Promise<RunningServer> {
  const { config } = services;
  const app = buildApp({
    ...services,
    operatorToken: options.operatorToken,
    ...(options.dialects ? { dialects: options.dialects } : {}),
    ...(options.logStream ? { logStream: options.logStream } : {}),
  });
  options.configure?.(app);
  await app.listen({ host: config.http.host, port: config.http.port });
  const url = clientUrl(config.http.host, (app.server.address() as AddressInfo).port);
  writeServerFile(config.serverFile, { url, pid: process.pid, startedAt: new Date().toISOString() });
  const dns = options.startDns && config.dns.enabled
    ? await startDnsThreads({ engine: services.engine, config: config.dns.options, metricsRegistry: app.metricsRegistry, log: app.log })
    : undefined;
  // Without a DNS server here nothing reads the DNS change log; it is pruned all the same.
  const dnsLogPruner = dns ? undefined : startDnsChangePruner(dnsSource(services.engine), (err) => app.log.error({ err }, 'dns change log: prune failed'), PRUNE_INTERVAL_MS);
  const forwarding = options.startForwarding && config.forwarding.enabled
    ? await startForwardingServer({ engine: services.engine, options: config.forwarding.options, metricsRegistry: app.metricsRegistry, log: app.log })
    : undefined;
  const whois = options.startWhois && config.whois.enabled
    ? await startWhoisServer({
      engine: services.engine,
      ...config.whois,
      registrar: config.registrar,
      ownNameServers: ownNameServersOf(config),
      metricsRegistry: app.metricsRegistry,
      log: app.log,
    })
    : undefined;
  const mail = options.startMail && (config.mail.enabled || config.mail.options.smarthost)
    ? await startMailService({ engine: services.engine, options: config.mail.options, listen: config.mail.enabled, metricsRegistry: app.metricsRegistry, log: app.log })
    : undefined;
  // Other processes' credential changes reach this one's credentials cache (on PostgreSQL, the cache answers only while this runs).
  const credentialsFeed = startCredentialsFeed(services.engine, { onError: (err) => app.log.error({ err }, 'credentials change log: read failed') });
  if (config.mode === 'sandbox') services.clockSync.start(CLOCK_POLL_MS);
  // PGlite has no autovacuum: its statistics and dead rows are kept up here (store/pglite-maintenance.ts).
  const maintenance = startTableMaintenance(services.store, (err) => app.log.error({ err }, 'pglite maintenance: analyze or vacuum failed'));
  const sweeper = config.sweepIntervalMs > 0
    ? startSweeper(services.engine, { intervalMs: config.sweepIntervalMs, onError: (err, what) => app.log.error({ err }, `sweeper: ${what} failed`) })
    : undefined;

  let resolveClosed!: () => void;
  const closed = new Promise<void>((resolve) => (resolveClosed = resolve));
  let closing: Promise<void> | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    app.log.info({ signal }, 'shutting down');
    void close();
  };
  const close = () =>
    (closing ??= (async () => {
      if (options.handleSignals) {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
      removeServerFile(config.serverFile);
      await services.clockSync.stop();
      await sweeper?.stop();
      await dns?.close();
      await dnsLogPruner?.stop();
      await forwarding?.close();
      await mail?.close();
      await whois?.close();
      await credentialsFeed.stop();
      await maintenance.stop();
      await closeWithin(app, config.http.shutdownTimeoutMs);
      await services.close();
      app.log.info('stopped');
      resolveClosed();
    })());
  if (options.handleSignals) {
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  }
  return { app, url, close, closed, forwarding, mail, whoisPort: whois?.port };
}

/** app.close() waits for in-flight requests; past the timeout the remaining connections are cut. */
async function closeWithin(app: FastifyInstance, timeoutMs: number): Promise<void> {
  const done = app.close();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = await Promise.race([
    done.then(() => false),
    new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(true), timeoutMs);
    }),
  ]);
  clearTimeout(timer);
  if (timedOut) {
    app.log.warn({ timeoutMs }, 'shutdown timeout: closing the remaining connections');
    app.server.closeAllConnections();
    await done;
  }
}

/** A wildcard listen address is reached through loopback. */
function clientUrl(host: string, port: number): string {
  const h = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return `http://${h.includes(':') ? `[${h}]` : h}:${port}`;
}
