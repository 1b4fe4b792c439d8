/**
 * What `serve` prints once listening. The first start of a sandbox shows the
 * demo credentials (once: they are not stored in the clear anywhere); later
 * starts show the address and how to rotate credentials.
 */
import { resolve } from 'node:path';
import type { Config } from '../config/index.ts';
import type { DialectRegistration } from '../dialects/registration.ts';
import type { DemoCredentials } from '../runtime/seed-demo.ts';

export interface BannerInput {
  readonly url: string;
  readonly config: Config;
  readonly storeKind: 'pglite' | 'postgres';
  readonly dialects: readonly DialectRegistration[];
  /** Present on the start that created the demo account. */
  readonly demo?: DemoCredentials;
  /** The WHOIS server's port, when it runs. */
  readonly whoisPort?: number | undefined;
  /** The URL forwarding service's scheme and port, when it runs. */
  readonly forwarding?: { readonly scheme: 'http' | 'https'; readonly port: number } | undefined;
  /** The SMTP service's port, when it runs; whether a smarthost is set. */
  readonly mail?: { readonly port: number | undefined; readonly smarthost: boolean } | undefined;
}

export function startBanner(b: BannerInput): string {
  const { config } = b;
  const cli = cliPrefix(config);
  const database = b.storeKind === 'pglite' ? `embedded PGlite in ${config.pgliteDir}` : 'PostgreSQL';
  const lines = [
    `regd is listening on ${b.url} (${config.mode} mode, ${database})`,
    `Operator token: ${config.operatorToken !== undefined ? 'configured (REGD_OPERATOR_TOKEN or the configuration file)' : config.operatorTokenFile}`,
  ];
  if (b.whoisPort !== undefined) lines.push(`WHOIS on ${config.whois.host} port ${b.whoisPort}: whois -h ${config.whois.host} -p ${b.whoisPort} <domain>`);
  if (config.rdap.enabled) lines.push(`RDAP at ${b.url}/rdap/ (${b.url}/rdap/help)`);
  if (b.forwarding) lines.push(`URL forwarding, stealth and parking: ${b.forwarding.scheme}://${config.forwarding.options.host}:${b.forwarding.port}/ (by Host)`);
  if (b.mail?.port !== undefined) lines.push(`E-mail forwarding (SMTP) on ${config.mail.options.host} port ${b.mail.port}${b.mail.smarthost ? '' : ' (no smarthost: forwarded mail is deferred, the outbox is kept)'}`);
  else if (b.mail?.smarthost) lines.push('Outbox delivery through the smarthost (SMTP listener off)');
  if (b.demo) {
    const d = b.demo;
    lines.push(
      '',
      'Demo account (credentials are shown this once):',
      `  account id:     ${d.accountId}`,
      `  e-mail:         ${d.email}`,
      `  password:       ${d.password}`,
      `  API key:        ${d.apiKey}`,
      `  WAPI password:  ${d.wapiPassword}`,
      `  push username:  ${d.pushUsername}`,
      `  balances:       ${d.deposits.map((x) => `${x.amount} ${x.currency}`).join(', ')}`,
    );
    for (const dialect of b.dialects) {
      const usage = dialect.usage({
        baseUrl: b.url, email: d.email, password: d.password, apiKey: d.apiKey, wapiPassword: d.wapiPassword, pushUsername: d.pushUsername,
      });
      lines.push('', `${dialect.name} (${b.url}${dialect.prefix}):`, ...usage.map((l) => `  ${l}`));
    }
    lines.push(
      '',
      'Try:',
      `  curl ${b.url}/healthz`,
      `  ${cli} account show ${d.email}`,
      `  ${cli} clock advance 30d`,
    );
  } else {
    lines.push(
      `Rotate credentials with: ${cli} account api-key <account>  /  ${cli} account set-wapi-password <account>`,
    );
  }
  return lines.join('\n');
}

/** The command line a user would type to reach this same configuration. */
function cliPrefix(config: Config): string {
  if (config.configFile !== undefined) return `regd --config ${config.configFile}`;
  if (config.dataDir !== resolve('data')) return `regd --data-dir ${config.dataDir}`;
  return 'regd';
}
