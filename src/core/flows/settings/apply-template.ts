/**
 * Applying template keys to one domain: the one mechanism behind account
 * defaults at registration, folder settings on a move into the folder, and
 * folder sync. Each key goes through the module that owns it, checked
 * against the real domain and its TLD: contacts (must be the domain
 * account's), name servers (TLD bounds and glue), the service columns,
 * hosted DNS records (the zone is replaced), e-mail forwarding and the
 * renew option. Callers decide whether the domain's state allows changes;
 * a registration still pending at the registry does.
 *
 * Name servers do not apply to a TLD that delegates through NSSETs (.cz):
 * there the key is left out, and `applied` says so.
 */
import type { Updateable } from 'kysely';
import type { FlowContext } from '../../context.ts';
import { validateDnsRecord } from '../../dns/record-types.ts';
import type { TldPolicy } from '../../policy/tld-policy.ts';
import type { DomainRow, DomainsTable } from '../../../store/index.ts';
import { resolveContactIds } from '../contacts/index.ts';
import { verifyNameServerGlue } from '../hosts/index.ts';
import { resolveService, validateNameServers, type ServiceInput } from '../domains/service-input.ts';
import { loadHostedZone } from '../dns/hosted-zone.ts';
import { writeZoneRecords } from '../dns/zone-write.ts';
import { zoneDefaultTtl } from '../dns/zone-result.ts';
import { TEMPLATE_KEYS, type SettingsTemplate, type TemplateDns, type TemplateKey, type TemplateService } from './settings-template.ts';
import type { ErrorCode } from '../../errors/index.ts';

/**
 * Everything applying a template can throw: the template was valid when
 * stored, but the domain or its TLD may not accept it (TLD name server
 * bounds, glue under the domain itself, a contact deleted since). A subset
 * of TEMPLATE_PART_THROWS.
 */
export const APPLY_TEMPLATE_THROWS = [
  'INVALID_VALUE', 'CONTACT_NOT_FOUND', 'INVALID_HOST_NAME', 'INVALID_NAME_SERVER_COUNT', 'GLUE_REQUIRED', 'CONFLICTING_PARAMETERS',
  'INVALID_RECORD_TYPE', 'INVALID_RECORD_NAME', 'INVALID_RECORD_VALUE', 'INVALID_RECORD_TTL', 'CNAME_CONFLICT',
  'DNS_RECORD_EXISTS', 'DNS_ZONE_LIMIT_EXCEEDED',
] as const satisfies readonly ErrorCode[];

export interface AppliedTemplate {
  /** The domain row after the change. */
  readonly row: DomainRow;
  /** The keys that were applied, in application order. */
  readonly applied: readonly TemplateKey[];
}

type DomainPatch = Updateable<DomainsTable>;

export async function applyTemplate(
  ctx: FlowContext,
  domain: DomainRow,
  template: SettingsTemplate,
  keys: readonly TemplateKey[],
): Promise<AppliedTemplate> {
  const policy = ctx.policy.get(domain.tld);
  const applied = TEMPLATE_KEYS.filter((k) => keys.includes(k) && template[k] !== undefined && appliesTo(k, policy));
  if (applied.length === 0) return { row: domain, applied };

  const patch: DomainPatch = {};
  for (const key of applied) Object.assign(patch, await columnsFor(ctx, domain, policy, template, key));
  let row = await ctx.db
    .updateTable('domains')
    .set({ ...patch, updated_at: ctx.now })
    .where('id', '=', domain.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  if (template.dns !== undefined && applied.includes('dns')) row = await replaceHostedRecords(ctx, row, template.dns);
  return { row, applied };
}

function appliesTo(key: TemplateKey, policy: TldPolicy): boolean {
  return !(key === 'nameServers' && policy.nssetRequired);
}

async function columnsFor(ctx: FlowContext, domain: DomainRow, policy: TldPolicy, t: SettingsTemplate, key: TemplateKey): Promise<DomainPatch> {
  switch (key) {
    case 'contacts':
      return resolveContactIds(ctx, domain.account_id, t.contacts!);
    case 'renewOption':
      // auto_renew and renew_option always agree ('auto' ⇔ auto-renew on), as in modifyDomain.
      return { renew_option: t.renewOption!, auto_renew: t.renewOption === 'auto' };
    case 'emailForward':
      return { email_forward: JSON.stringify(t.emailForward) };
    case 'nameServers': {
      const names = validateNameServers(policy, t.nameServers!);
      await verifyNameServerGlue(ctx, domain.account_id, domain.name, names);
      return { ...resolveService(policy, { nameServers: names }), nsset_id: null };
    }
    case 'service':
      return { ...resolveService(policy, serviceInput(t.service!)), nsset_id: null };
    case 'dns':
      // Hosted records need regd's own name servers.
      return { ...resolveService(policy, {}), nsset_id: null };
  }
}

function serviceInput(s: TemplateService): ServiceInput {
  if ('forward' in s) return { forward: s.forward };
  if ('parking' in s) return { parking: s.parking };
  // Hosting: the domain keeps the hosting type; mobile view has no domain column and stays in the template.
  return { hosting: { type: s.hosting.type } };
}

/** The zone becomes exactly the template's records, published at once (as replaceZone does). */
async function replaceHostedRecords(ctx: FlowContext, row: DomainRow, dns: TemplateDns): Promise<DomainRow> {
  // 'read': the caller has already decided that this domain's state accepts the change.
  const hosted = await loadHostedZone(ctx, row.account_id, row.name, 'read');
  const defaultTtl = dns.ttl ?? zoneDefaultTtl(hosted);
  const records = dns.records.map((r, i) => validateDnsRecord(r, { apex: hosted.apex, defaultTtl, param: `records[${i}]` }));
  await writeZoneRecords(ctx, hosted, records, false);
  return hosted.domain;
}
