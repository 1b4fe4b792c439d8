/**
 * The URL forwarding / stealth / parking HTTP service: answers by `Host`
 * (the domain and its `www.`) for every published domain whose service
 * mode is forward, stealth or parking, from an in-memory mirror of those
 * settings (services/sites) kept current by the DNS change log.
 *
 *   forward   301 (permanent) or 302 (temporary) to the target, with the
 *             request's path and query appended (pages.ts forwardTarget);
 *   stealth   200, a frame page titled as set, framing the same target;
 *   parking   200, a page with the domain name (and the ad placeholder);
 *   otherwise 404 (an unknown host, a domain in another mode, no Host).
 *
 * GET and HEAD only (405 otherwise). Plain HTTP, or HTTPS with a configured
 * certificate and key.
 */
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { domainToASCII, domainToUnicode } from 'node:url';
import type { Registry } from 'prom-client';
import type { Engine } from '../../core/engine.ts';
import { siteSource, type SiteRow } from '../../core/index.ts';
import { acquireSites, type SiteFollower } from '../sites/site-mirror.ts';
import { ForwardingMetrics, type ForwardKindLabel } from './metrics.ts';
import { forwardTarget, framePage, notFoundPage, parkingPage, redirectPage } from './pages.ts';
import type { ForwardingOptions } from './options.ts';

export interface ForwardingLogger {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface StartForwardingInput {
  readonly engine: Engine;
  readonly options: ForwardingOptions;
  readonly metricsRegistry?: Registry;
  readonly log?: ForwardingLogger;
}

export interface RunningForwardingServer {
  readonly port: number;
  /** http or https. */
  readonly scheme: 'http' | 'https';
  readonly metrics: ForwardingMetrics;
  readonly sites: SiteFollower;
  close(): Promise<void>;
}

const SILENT: ForwardingLogger = { info() {}, error() {} };
const FORWARDED_MODES = new Set(['forward', 'stealth', 'parking']);

export async function startForwardingServer(input: StartForwardingInput): Promise<RunningForwardingServer> {
  const { options, engine } = input;
  const log = input.log ?? SILENT;
  const tls = options.tls ? { cert: readFileSync(options.tls.certFile), key: readFileSync(options.tls.keyFile) } : undefined;
  const metrics = new ForwardingMetrics();
  const sites = await acquireSites(engine, () => siteSource(engine), (err) => log.error({ err }, 'forwarding/mail: reading the change log failed'));

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      await sites.fresh();
      const a = answer(sites.mirror.lookup.bind(sites.mirror), req);
      metrics.count(a.kind, a.status);
      const body = Buffer.from(a.body);
      res.writeHead(a.status, {
        'content-type': 'text/html; charset=utf-8',
        'content-length': String(body.length),
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer-when-downgrade',
        ...a.headers,
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    })().catch((err: unknown) => {
      log.error({ err }, 'forwarding: request failed');
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('internal error\n');
    });
  };
  const server: Server = tls ? createHttpsServer(tls, handler) : createHttpServer(handler);
  server.maxConnections = options.maxConnections;
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (e) {
    await sites.close();
    throw e;
  }
  if (input.metricsRegistry) metrics.register(input.metricsRegistry, () => sites.mirror.size);
  const port = (server.address() as AddressInfo).port;
  const scheme = tls ? 'https' : 'http';
  log.info({ host: options.host, port, scheme }, 'forwarding server listening');
  let closing: Promise<void> | undefined;
  return {
    port,
    scheme,
    metrics,
    sites,
    close() {
      closing ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
        });
        await sites.close();
      })();
      return closing;
    },
  };
}

interface Answer {
  readonly status: number;
  readonly kind: ForwardKindLabel;
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** The domain a Host header names (its `www.` too), A-label, lower case, port and trailing dot removed. */
export function hostOf(header: string | undefined): string {
  if (header === undefined) return '';
  let h = header.trim().toLowerCase();
  // [v6]:port, or name:port.
  if (h.startsWith('[')) return '';
  h = h.replace(/:\d*$/, '').replace(/\.$/, '');
  return domainToASCII(h);
}

function answer(lookup: (name: string) => SiteRow | undefined, req: IncomingMessage): Answer {
  const host = hostOf(req.headers.host);
  const site = host === '' ? undefined : siteFor(lookup, host);
  // The page names the host as it was asked for (escaped there), a name that is no domain name too.
  if (!site) return { status: 404, kind: 'unknown', body: notFoundPage(host || (req.headers.host ?? '').trim().replace(/:\d*$/, '')), headers: {} };
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return { status: 405, kind: kindOf(site), body: notFoundPage(host).replace('Not found', 'Method not allowed'), headers: { allow: 'GET, HEAD' } };
  }
  if (site.serviceMode === 'parking') {
    return { status: 200, kind: 'parking', body: parkingPage(domainToUnicode(site.name) || site.name, site.parkingWithAds === true), headers: {} };
  }
  const target = forwardTarget(site.forwardUrl!, req.url ?? '/');
  if (site.serviceMode === 'stealth') return { status: 200, kind: 'stealth', body: framePage(site.forwardTitle ?? '', target), headers: {} };
  const status = site.forwardKind === 'permanent' ? 301 : 302;
  return { status, kind: 'redirect', body: redirectPage(target), headers: { location: target } };
}

function siteFor(lookup: (name: string) => SiteRow | undefined, host: string): SiteRow | undefined {
  // A forward needs a target that parses (the flows validate it; a hand-made row might not): otherwise 404, never a 500.
  const served = (row: SiteRow | undefined) =>
    (row && FORWARDED_MODES.has(row.serviceMode) && (row.serviceMode === 'parking' || (row.forwardUrl !== null && URL.canParse(row.forwardUrl))) ? row : undefined);
  return served(lookup(host)) ?? (host.startsWith('www.') ? served(lookup(host.slice(4))) : undefined);
}

function kindOf(site: SiteRow): ForwardKindLabel {
  return site.serviceMode === 'parking' ? 'parking' : site.serviceMode === 'stealth' ? 'stealth' : 'redirect';
}
