/**
 * Return a setting of up to 100 domains to regd's default (Dynadot
 * set_clear_domain_setting), all or nothing:
 * - forward / stealth: a forwarded (resp. stealth-forwarded) domain goes
 *   back to regd's own name servers;
 * - nameservers: a domain delegated elsewhere goes back to regd's own;
 * - dns: the hosted records of a domain on regd's DNS are removed (the
 *   zone is replaced by an empty one);
 * - email_forwarding: no forwarding.
 * A domain that does not use the named setting is left as it is.
 * Load (account, every domain, states) → clear each → views.
 */
import type { FlowContext } from '../../context.ts';
import { actingAccountId, loadActiveAccount } from '../../actors.ts';
import { InvalidValue, MissingParameter, type ErrorCode } from '../../errors/index.ts';
import { parseDomainName } from '../../names.ts';
import type { ServiceMode } from '../../../store/index.ts';
import { loadOwnedDomain, type OwnedDomain } from '../domains/domain-access.ts';
import { CHANGEABLE_STATES, verifyStateIn } from '../domains/domain-statuses.ts';
import { toDomainView, type DomainView } from '../domains/domain-view.ts';
import { setDomainNameServers } from '../hosts/index.ts';
import { replaceZone } from '../dns/index.ts';

export const throws = [
  'ACCOUNT_NOT_FOUND', 'ACCOUNT_SUSPENDED', 'NOT_AUTHORIZED_OPERATION', 'INVALID_DOMAIN_NAME', 'UNSUPPORTED_TLD', 'DOMAIN_NOT_FOUND',
  'DOMAIN_STATUS_PROHIBITS', 'MISSING_PARAMETER', 'INVALID_VALUE',
] as const satisfies readonly ErrorCode[];

export const DOMAIN_CLEAR_SERVICES = ['forward', 'stealth', 'email_forwarding', 'dns', 'nameservers'] as const;
export type DomainClearService = (typeof DOMAIN_CLEAR_SERVICES)[number];

/** Dynadot's comma-separated `domain` takes up to 100 names. */
export const MAX_CLEAR_NAMES = 100;

export interface ClearDomainSettingInput {
  readonly accountId?: number;
  readonly names: readonly string[];
  readonly service: DomainClearService;
}

export interface ClearDomainSettingResult {
  readonly service: DomainClearService;
  /** Every named domain after the clear, in name order. */
  readonly domains: readonly DomainView[];
}

/** The service mode each service-slot clear undoes. */
const MODE_CLEARED: Readonly<Partial<Record<DomainClearService, ServiceMode>>> = {
  forward: 'forward',
  stealth: 'stealth',
  nameservers: 'custom_ns',
};

export async function clearDomainSetting(ctx: FlowContext, input: ClearDomainSettingInput): Promise<ClearDomainSettingResult> {
  const accountId = actingAccountId(ctx, input.accountId);
  await loadActiveAccount(ctx, accountId);
  const service = parseService(input.service);
  const domains = await loadAll(ctx, accountId, input.names);

  for (const owned of domains) await clearOne(ctx, accountId, owned, service);
  const rows = await ctx.db.selectFrom('domains').selectAll().where('id', 'in', domains.map((d) => d.row.id)).orderBy('name').execute();
  return { service, domains: rows.map((r) => toDomainView(r, ctx.policy, ctx.now)) };
}

async function clearOne(ctx: FlowContext, accountId: number, owned: OwnedDomain, service: DomainClearService): Promise<void> {
  const { row } = owned;
  switch (service) {
    case 'forward':
    case 'stealth':
    case 'nameservers':
      if (row.service_mode === MODE_CLEARED[service]) await setDomainNameServers(ctx, { accountId, name: row.name, nameServers: [] });
      return;
    case 'dns':
      if (row.service_mode === 'regd_dns') await replaceZone(ctx, { accountId, name: row.name, records: [] });
      return;
    case 'email_forwarding':
      await ctx.db.updateTable('domains').set({ email_forward: JSON.stringify({ type: 'donot' }), updated_at: ctx.now }).where('id', '=', row.id).execute();
      return;
  }
}

/** Every name must be a changeable domain of the account before anything is cleared. Locked in name order. */
async function loadAll(ctx: FlowContext, accountId: number, names: readonly string[]): Promise<OwnedDomain[]> {
  if (!Array.isArray(names) || names.length === 0) throw new MissingParameter('domain');
  if (names.length > MAX_CLEAR_NAMES) throw new InvalidValue('domain', `at most ${MAX_CLEAR_NAMES} domains at once`, names.length);
  const unique = [...new Set(names.map((n) => parseDomainName(n, ctx.policy, 'domain').ascii))].sort();
  const out: OwnedDomain[] = [];
  for (const name of unique) {
    const owned = await loadOwnedDomain(ctx, accountId, name);
    verifyStateIn(owned, CHANGEABLE_STATES, 'clear settings');
    out.push(owned);
  }
  return out;
}

function parseService(input: unknown): DomainClearService {
  if (typeof input !== 'string' || !(DOMAIN_CLEAR_SERVICES as readonly string[]).includes(input)) {
    throw new InvalidValue('service', `one of ${DOMAIN_CLEAR_SERVICES.join(', ')} is required`, input);
  }
  return input as DomainClearService;
}
