/**
 * The HTTP application, built from a configuration and the engine's
 * services; listening is separate (serve.ts), so tests and the CLI decide
 * where. Layout: /healthz, /metrics, the operator API under /_ops, each
 * registered dialect under its prefix, RDAP under /rdap; anything else is a
 * JSON 404.
 */
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify';
import type { DestinationStream } from 'pino';
import { dialectsFor, type DialectRegistration } from '../dialects/index.ts';
import { LoginGuard } from '../dialects/login-guard.ts';
import type { Services } from '../runtime/services.ts';
import { healthRoutes } from './health.ts';
import { loggerOptions } from './log-redaction.ts';
import { metricsPlugin } from './metrics.ts';
import { opsPlugin } from './ops/index.ts';
import { servicesPlugin } from './services-plugin.ts';
import { rdapPlugin, sendRdapFrameworkError } from '../services/rdap/index.ts';

export interface AppOptions extends Services {
  readonly operatorToken: string;
  /** Defaults to the registry in src/dialects, configured by `config.dialects`. */
  readonly dialects?: readonly DialectRegistration[];
  /** Where the log goes; default standard output. */
  readonly logStream?: DestinationStream;
}

export function buildApp(options: AppOptions): FastifyInstance {
  const { operatorToken, dialects = dialectsFor(options.config), logStream, ...services } = options;
  const app = Fastify({
    // Credentials in URLs, bodies and errors are redacted from every log line (log-redaction.ts).
    logger: loggerOptions(services.config.logLevel, logStream),
    // Answer requests that arrive on a kept-alive connection during shutdown with 503.
    return503OnClosing: true,
    // What the router refuses before any route (a path that is not valid percent-encoding, a parameter too long):
    // RDAP answers with its own error object; every other path gets Fastify's own answer, as before.
    frameworkErrors(err, request, reply) {
      const status = err.statusCode ?? 400;
      if (services.config.rdap.enabled && request.url.startsWith('/rdap/')) return sendRdapFrameworkError(reply as FastifyReply, status);
      return (reply as FastifyReply).code(status).type('application/json').send(JSON.stringify({ error: 'Bad Request', code: err.code, message: err.message, statusCode: status }));
    },
  });

  app.register(servicesPlugin, { services });
  // Failed-login limits shared by the e-mail + password dialects (KifDom, Freenom).
  app.decorate('loginGuard', new LoginGuard(services.config.logins));
  app.register(metricsPlugin);

  app.setErrorHandler((err: FastifyError, request, reply) => {
    const status = err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    if (status >= 500) request.log.error({ err }, 'request failed');
    return reply.code(status).send({ error: status >= 500 ? 'internal error' : err.message });
  });
  app.setNotFoundHandler((_request, reply) => reply.code(404).send({ error: 'not found' }));

  app.register(healthRoutes);
  app.register(opsPlugin, { prefix: '/_ops', operatorToken });
  for (const d of dialects) app.register(d.plugin, { prefix: d.prefix });
  // RDAP is a publication service on the HTTP port (README "WHOIS and RDAP").
  const { rdap, registrar } = services.config;
  if (rdap.enabled) {
    app.register(rdapPlugin, {
      prefix: '/rdap',
      engine: services.engine,
      registrar,
      ownNameServers: ownNameServersOf(services.config),
      requestsPerMinute: rdap.requestsPerMinute,
      searchLimit: rdap.searchLimit,
    });
  }
  return app;
}

/** regd's own name servers and the addresses its DNS serves for them: the delegation WHOIS and RDAP show for domains on regd's DNS. */
export function ownNameServersOf(config: Services['config']): { name: string; addresses: readonly string[] }[] {
  const { nameServers, serviceHosts } = config.dns.options;
  return nameServers.map((name) => ({ name, addresses: serviceHosts[name] ?? [] }));
}
