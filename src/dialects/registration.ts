/**
 * What a dialect hands the registry (src/dialects/index.ts): its name, URL
 * prefix, Fastify plugin and first-start usage lines. In its own file so the
 * dialects import it without importing the registry that imports them.
 */
import type { FastifyPluginAsync } from 'fastify';

/** What a dialect may show on first start: the listening URL and the demo account's credentials. */
export interface DemoUsage {
  readonly baseUrl: string;
  readonly email: string;
  readonly password: string;
  readonly apiKey: string;
  readonly wapiPassword: string;
  readonly pushUsername: string;
}

export interface DialectRegistration {
  readonly name: string;
  /** URL prefix of the dialect's routes, e.g. "/wapi". */
  readonly prefix: string;
  readonly plugin: FastifyPluginAsync;
  /** Lines that show how to call this dialect with the demo account (a curl, typically). */
  usage(demo: DemoUsage): readonly string[];
}
