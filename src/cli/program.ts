/**
 * The command line: global configuration flags (from CONFIG_OPTIONS) and
 * one commander command per handler. Every leaf takes --json. Actions only
 * collect options; `actions` does the work.
 */
import { Command, Option } from 'commander';
import { CONFIG_FILE_FLAG, CONFIG_OPTIONS } from '../config/index.ts';
import type { Options } from '../ops/index.ts';
import { readZoneFile } from '../ops/command.ts';

export interface CliActions {
  command(name: string, options: Options, json: boolean): Promise<void>;
  exportTo(file: string | undefined, json: boolean): Promise<void>;
  importFrom(file: string, json: boolean): Promise<void>;
  serve(): Promise<void>;
}

type Opts = Record<string, unknown> & { json?: boolean };

export interface CliOutput {
  writeOut(text: string): void;
  writeErr(text: string): void;
}

export function buildProgram(actions: CliActions, version: string, output: CliOutput): Command {
  // Settings given before .command() calls are inherited by every subcommand.
  const program = new Command('regd')
    .exitOverride()
    .configureOutput(output)
    .description('regd: a self-hosted domain registrar (engine, API dialects, operator CLI)')
    .version(version)
    .showHelpAfterError()
    .option(`--${CONFIG_FILE_FLAG} <file>`, 'YAML configuration file (env REGD_CONFIG)');
  for (const o of CONFIG_OPTIONS) {
    if (o.flag === undefined) continue;
    const env = o.env.join(', ');
    program.addOption(new Option(`--${o.flag}${o.valueName ? ` ${o.valueName}` : ''}`, `${o.description} (env ${env}; default ${o.defaultText})`));
    if (o.key === 'seedDemo') program.addOption(new Option('--no-seed-demo', 'do not create the demo account'));
  }

  program.command('serve').description('run the HTTP server (and seed the demo account on a fresh sandbox)').action(() => actions.serve());

  const leaf = (parent: Command, name: string, description: string) => parent.command(name).description(description).option('--json', 'print JSON for scripts');
  const run = (name: string, build: (opts: Opts, args: string[]) => Options) =>
    async function (this: Command, ...args: unknown[]) {
      const opts = this.opts<Opts>();
      const { json, ...rest } = opts;
      await actions.command(name, build(rest, args.filter((a): a is string => typeof a === 'string')), json === true);
    };

  const account = program.command('account').description('accounts, money and credentials');
  leaf(account, 'create', 'create an account (prints its API key once)')
    .requiredOption('--email <email>', 'login e-mail')
    .option('--password <password>', 'login password (generated and printed when omitted)')
    .option('--first-name <name>').option('--last-name <name>').option('--organization <name>')
    .option('--address <text>').option('--postcode <code>').option('--city <name>').option('--state <name>')
    .option('--country <cc>', 'ISO 3166-1 alpha-2').option('--phone <number>', '+CC.NUMBER')
    .option('--currency <code>', 'default currency (EUR)').option('--level <level>', 'regular, bulk, super_bulk or reseller')
    .option('--push-username <name>', 'username for domain pushes').option('--wapi-password <password>', 'WEDOS WAPI password')
    .action(run('account create', (o) => o));
  leaf(account, 'list', 'list accounts').action(run('account list', () => ({})));
  leaf(account, 'show', 'show an account with its balances').argument('<account>', 'account id or e-mail')
    .action(run('account show', (_o, [ref]) => ({ account: ref })));
  leaf(account, 'deposit', 'add funds to an account').argument('<account>', 'account id or e-mail').argument('<amount>', 'decimal amount, e.g. 100.00')
    .option('--currency <code>', "currency (the account's default)").option('--memo <text>', 'ledger memo')
    .action(run('account deposit', (o, [ref, amount]) => ({ ...o, account: ref, amount })));
  leaf(account, 'api-key', 'issue a new API key (the old one stops working)').argument('<account>', 'account id or e-mail')
    .action(run('account api-key', (_o, [ref]) => ({ account: ref })));
  leaf(account, 'set-wapi-password', 'set the WAPI password (generated and printed when omitted)').argument('<account>', 'account id or e-mail')
    .option('--password <password>', 'the new WAPI password')
    .action(run('account set-wapi-password', (o, [ref]) => ({ ...o, account: ref })));
  leaf(account, 'wapi-ips', 'show or set the networks the account may call WEDOS WAPI from (none: any)').argument('<account>', 'account id or e-mail')
    .option('--set <networks>', 'comma-separated addresses or CIDR networks, e.g. 192.0.2.0/24,2001:db8::/32')
    .option('--clear', 'allow any address again')
    .action(run('account wapi-ips', (o, [ref]) => ({ ...o, account: ref })));
  leaf(account, 'suspend', 'suspend an account (its credentials stop working)').argument('<account>', 'account id or e-mail')
    .action(run('account suspend', (_o, [ref]) => ({ account: ref })));
  leaf(account, 'activate', 'reactivate a suspended account').argument('<account>', 'account id or e-mail')
    .action(run('account activate', (_o, [ref]) => ({ account: ref })));

  const tld = program.command('tld').description('the TLD policy and price list in force');
  leaf(tld, 'list', 'list the offered TLDs with current prices').action(run('tld list', () => ({})));
  leaf(tld, 'show', 'show the full policy of one TLD').argument('<tld>', 'e.g. com').action(run('tld show', (_o, [t]) => ({ tld: t })));

  const domain = program.command('domain').description('registered domains');
  leaf(domain, 'list', 'list domains (all accounts unless --account)')
    .option('--account <account>', 'account id or e-mail').option('--state <states>', 'comma-separated: active, expired, redemption, …')
    .option('--tld <tld>', 'only this TLD').option('--search <text>', 'name contains').option('--include-released', 'also released registrations')
    .action(run('domain list', (o) => o));
  leaf(domain, 'show', 'show one domain').argument('<name>', 'domain name')
    .option('--account <account>', 'the holder (needed for names in redemption or pending delete)')
    .action(run('domain show', (o, [name]) => ({ ...o, name })));

  const order = program.command('order').description('orders');
  leaf(order, 'list', 'list orders, newest first')
    .option('--account <account>', 'account id or e-mail').option('--status <status>', 'processing, completed, failed or cancelled')
    .option('--kind <kind>', 'register, renew, deposit, …').option('--from <instant>', 'created at or after').option('--to <instant>', 'created before')
    .action(run('order list', (o) => o));

  const outbox = program.command('outbox').description('the mail outbox (auth codes, expiry reminders, transfer notices)');
  leaf(outbox, 'list', 'list outbox messages with their delivery state, newest first')
    .option('--account <account>', 'account id or e-mail').option('--status <status>', 'pending, sent or failed')
    .option('--limit <n>', '1 to 1000 (default 100)')
    .action(run('outbox list', (o) => o));

  const auction = program.command('auction').description('auctions (Dynadot get_open_auctions …)');
  leaf(auction, 'open', "open an auction: a held domain's user auction (its holder sells) or a free name's registry_expired auction")
    .argument('<name>', 'domain name').requiredOption('--price <usd>', 'start price in US dollars, e.g. 25.00')
    .option('--type <type>', 'user (default) or registry_expired').option('--duration <duration>', 'how long it runs (default 7d)')
    .action(run('auction open', (o, [name]) => ({ ...o, name })));
  leaf(auction, 'close', 'close an open auction by admin (status 2): no sale, every bid hold released').argument('<name>', 'domain name')
    .option('--note <text>', 'why').action(run('auction close', (o, [name]) => ({ ...o, name })));

  const closeout = program.command('closeout').description('expired closeouts (Dynadot get_expired_closeout_domains …)');
  leaf(closeout, 'enter', 'put an expired registration (in its auto-renew grace) in expired closeout now, without its auction').argument('<name>', 'domain name')
    .option('--currency <code>', 'currency of the prices shown (default USD)').action(run('closeout enter', (o, [name]) => ({ ...o, name })));
  leaf(closeout, 'list', 'list the names in expired closeout with their current price').option('--currency <code>', 'default USD')
    .action(run('closeout list', (o) => o));

  const clock = program.command('clock').description('the sandbox clock');
  leaf(clock, 'show', "show the engine's time").action(run('clock show', () => ({})));
  leaf(clock, 'advance', 'move the clock forward').argument('<duration>', 'e.g. 45d, 12h, 1d12h').action(run('clock advance', (_o, [d]) => ({ duration: d })));
  leaf(clock, 'set', 'move the clock forward to an instant').argument('<instant>', 'ISO 8601, e.g. 2027-03-01T12:00:00Z').action(run('clock set', (_o, [at]) => ({ at })));
  leaf(program, 'sweep', 'run the lifecycle sweeper once (renewals, releases, drop-catching, async work, reminders)').action(run('sweep', () => ({})));

  const dns = program.command('dns').description('zones of the authoritative DNS server');
  leaf(dns, 'export', 'print a served zone as an RFC 1035 master file').argument('<zone>', 'e.g. example.com or com')
    .action(run('dns export', (_o, [zone]) => ({ zone })));
  leaf(dns, 'import', "replace a hosted zone's records from an RFC 1035 master file").argument('<zone>', 'e.g. example.com').argument('<file>', 'master file')
    .option('--append', 'add the records to the existing ones instead of replacing them')
    .action(run('dns import', (o, [zone, file]) => ({ ...o, zone, text: readZoneFile(file!) })));

  leaf(program, 'export', 'write every table as JSON (to a file, mode 0600: it holds secrets; or stdout)').argument('[file]', 'output file')
    .action(async function (this: Command, file: string | undefined) {
      await actions.exportTo(file, this.opts<Opts>().json === true);
    });
  leaf(program, 'import', 'load an export into an empty database').argument('<file>', 'an export file')
    .action(async function (this: Command, file: string) {
      await actions.importFrom(file, this.opts<Opts>().json === true);
    });
  return program;
}
