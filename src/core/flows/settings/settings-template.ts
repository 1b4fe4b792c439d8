/**
 * The settings template that the account defaults and every folder carry
 * (Dynadot set_default_* / set_folder_*): one optional key per setting.
 * Each part is validated by the module that owns the setting (contacts,
 * name servers and glue, DNS records, forwarding URL, e-mail forwarding)
 * before it is stored, and again against the real domain when applied
 * (see apply-template.ts).
 *
 * `nameServers`, `service` and `dns` are one slot, as on a domain: it is
 * delegated to other name servers, or forwarded / parked / hosted, or
 * served by regd's DNS with hosted records. Storing one of them removes
 * the other two from the template.
 */
import type { FlowContext } from '../../context.ts';
import { InvalidValue, MissingParameter, type ErrorCode } from '../../errors/index.ts';
import { DNS_DEFAULT_TTL, validateTtl } from '../../dns/ttl.ts';
import { validateDnsRecord, type DnsRecordData, type DnsRecordInput } from '../../dns/record-types.ts';
import { verifyZoneRecords } from '../../dns/zone-rules.ts';
import type { TldPolicy } from '../../policy/tld-policy.ts';
import type { EmailForward, ForwardKind, RenewOption, SettingsTemplate as StoredTemplate } from '../../../store/index.ts';
import { CONTACT_ROLES, resolveContactIds, type TemplateContacts } from '../contacts/index.ts';
import { verifyNameServerGlue } from '../hosts/index.ts';
import { resolveService, validateNameServers } from '../domains/service-input.ts';
import { validateEmailForward } from './email-forward.ts';

export type { TemplateContacts };

export interface TemplateForward {
  readonly url: string;
  /** 'cloak' is stealth forwarding (a frame, with a page title). */
  readonly kind: ForwardKind;
  readonly title?: string;
}

export interface TemplateHosting {
  readonly type: string;
  /** Dynadot mobile_view_on: only with advanced hosting. */
  readonly mobileView?: boolean;
}

/** A service on regd's own name servers other than hosted DNS: exactly one of forward, parking or hosting. */
export type TemplateService =
  | { readonly forward: TemplateForward }
  | { readonly parking: { readonly withAds: boolean } }
  | { readonly hosting: TemplateHosting };

/** Hosted records, names relative to the domain ('@', 'www'); `ttl` is the TTL of records that give none. */
export interface TemplateDns {
  readonly records: readonly DnsRecordInput[];
  readonly ttl?: number;
}

export interface SettingsTemplate {
  /** Public contact numbers per role (Dynadot whois). */
  readonly contacts?: TemplateContacts;
  readonly nameServers?: readonly string[];
  readonly service?: TemplateService;
  readonly dns?: TemplateDns;
  readonly emailForward?: EmailForward;
  readonly renewOption?: RenewOption;
}

export type TemplateKey = keyof SettingsTemplate;

/** Every key, in the order they are applied to a domain. */
export const TEMPLATE_KEYS = ['contacts', 'renewOption', 'emailForward', 'nameServers', 'service', 'dns'] as const satisfies readonly TemplateKey[];

/** The keys that decide how a domain is served: at most one of them is in a template. */
export const SERVICE_SLOT: readonly TemplateKey[] = ['nameServers', 'service', 'dns'];

/** One key with its value: what setDefaultSetting and setFolderSetting take. */
export type TemplatePart = { readonly [K in TemplateKey]: { readonly key: K; readonly value: NonNullable<SettingsTemplate[K]> } }[TemplateKey];

/** Dynadot DNS2 numbering: 20 root records and 100 subdomain records. */
export const MAX_TEMPLATE_RECORDS = 120;

/** Template records meet their zone only when applied; until then they are checked inside this stand-in zone. */
const TEMPLATE_APEX = 'domain.invalid';

const RENEW_OPTIONS: readonly RenewOption[] = ['auto', 'donot', 'reset'];

export const TEMPLATE_PART_THROWS = [
  'INVALID_VALUE', 'MISSING_PARAMETER', 'CONFLICTING_PARAMETERS', 'CONTACT_NOT_FOUND', 'INVALID_HOST_NAME', 'INVALID_NAME_SERVER_COUNT',
  'GLUE_REQUIRED', 'INVALID_RECORD_TYPE', 'INVALID_RECORD_NAME', 'INVALID_RECORD_VALUE', 'INVALID_RECORD_TTL', 'CNAME_CONFLICT',
  'DNS_RECORD_EXISTS',
] as const satisfies readonly ErrorCode[];

export interface TemplatePartOptions {
  /** Name servers must be host objects of the account (Dynadot: "must already exist in your account"): HostNotFound otherwise. */
  readonly requireHostObjects?: boolean;
}

/** Validates one part for `accountId` and returns it normalized, ready to store. */
export async function validateTemplatePart(
  ctx: FlowContext,
  accountId: number,
  key: unknown,
  value: unknown,
  options: TemplatePartOptions = {},
): Promise<TemplatePart> {
  switch (key) {
    case 'contacts':
      return { key, value: await validateContacts(ctx, accountId, value) };
    case 'nameServers':
      return { key, value: await validateTemplateNameServers(ctx, accountId, value, options.requireHostObjects === true) };
    case 'service':
      return { key, value: validateTemplateService(ctx, value) };
    case 'dns':
      return { key, value: validateTemplateDns(value) };
    case 'emailForward':
      return { key, value: validateEmailForward(value) };
    case 'renewOption':
      if (typeof value !== 'string' || !RENEW_OPTIONS.includes(value as RenewOption)) {
        throw new InvalidValue('renew_option', `one of ${RENEW_OPTIONS.join(', ')} is required`, value);
      }
      return { key, value: value as RenewOption };
    default:
      throw new InvalidValue('key', `one of ${TEMPLATE_KEYS.join(', ')} is required`, key);
  }
}

/** The template with `part` stored; a part of the service slot replaces the other two. */
export function withPart(template: SettingsTemplate, part: TemplatePart): SettingsTemplate {
  const others = SERVICE_SLOT.includes(part.key) ? SERVICE_SLOT.filter((k) => k !== part.key) : [];
  return { ...withoutKeys(template, others), [part.key]: part.value };
}

export function withoutKeys(template: SettingsTemplate, keys: readonly TemplateKey[]): SettingsTemplate {
  const out: Record<string, unknown> = { ...template };
  for (const k of keys) delete out[k];
  return out as SettingsTemplate;
}

/** A stored template (validated when it was written), keeping only the keys regd knows. */
export function readTemplate(stored: StoredTemplate | null | undefined): SettingsTemplate {
  const out: Record<string, unknown> = {};
  for (const k of TEMPLATE_KEYS) if (stored?.[k] !== undefined && stored[k] !== null) out[k] = stored[k];
  return out as SettingsTemplate;
}

async function validateContacts(ctx: FlowContext, accountId: number, input: unknown): Promise<TemplateContacts> {
  if (input === undefined || input === null) throw new MissingParameter('contacts');
  if (typeof input !== 'object' || Array.isArray(input)) throw new InvalidValue('contacts', 'contact ids per role are required', input);
  const given = input as Record<string, unknown>;
  const unknown = Object.keys(given).find((k) => !(CONTACT_ROLES as readonly string[]).includes(k));
  if (unknown !== undefined) throw new InvalidValue('contacts', `roles are ${CONTACT_ROLES.join(', ')}; "${unknown}" is not one`, input);
  const out: Record<string, number> = {};
  for (const role of CONTACT_ROLES) {
    const n = given[role];
    if (n === undefined) continue;
    if (typeof n !== 'number') throw new InvalidValue(role, 'a contact id (positive integer) is required', n);
    out[role] = n;
  }
  if (Object.keys(out).length === 0) throw new MissingParameter('contacts');
  await resolveContactIds(ctx, accountId, out);
  return out;
}

async function validateTemplateNameServers(ctx: FlowContext, accountId: number, input: unknown, requireHostObjects: boolean): Promise<string[]> {
  if (!Array.isArray(input)) throw new InvalidValue('nameserver', 'a list of host names is required', input);
  const names = validateNameServers(templatePolicy(ctx), input);
  // No domain yet: any host under a registry domain must already exist with its addresses.
  await verifyNameServerGlue(ctx, accountId, '', names, { requireHostObjects });
  return names;
}

function validateTemplateService(ctx: FlowContext, input: unknown): TemplateService {
  if (input === undefined || input === null) throw new MissingParameter('service');
  if (typeof input !== 'object' || Array.isArray(input)) throw new InvalidValue('service', 'forward, parking or hosting is required', input);
  const s = input as Record<string, unknown>;
  if (s.nameServers !== undefined) throw new InvalidValue('service', 'name servers are a setting of their own (nameServers)', input);
  const forward = s.forward === undefined ? undefined : object(s.forward, 'forward');
  const parking = s.parking === undefined ? undefined : object(s.parking, 'parking');
  const hosting = s.hosting === undefined ? undefined : object(s.hosting, 'hosting');
  if (!forward && !parking && !hosting) throw new MissingParameter('service');

  if (forward && typeof forward.url !== 'string') throw new InvalidValue('forward_url', 'an http:// or https:// URL is required', forward.url);
  if (forward && forward.title !== undefined && typeof forward.title !== 'string') throw new InvalidValue('forward_title', 'a text is required', forward.title);
  if (parking && typeof parking.withAds !== 'boolean') throw new InvalidValue('with_ads', 'true or false is required', parking.withAds);
  if (hosting && typeof hosting.type !== 'string') throw new InvalidValue('hosting_type', 'a hosting type such as basic or advanced is required', hosting.type);
  if (hosting && hosting.mobileView !== undefined && typeof hosting.mobileView !== 'boolean') {
    throw new InvalidValue('mobile_view', 'true or false is required', hosting.mobileView);
  }
  const columns = resolveService(templatePolicy(ctx), {
    ...(forward ? { forward: { url: forward.url as string, kind: forward.kind as ForwardKind, ...(forward.title !== undefined ? { title: forward.title as string } : {}) } } : {}),
    ...(parking ? { parking: { withAds: parking.withAds as boolean } } : {}),
    ...(hosting ? { hosting: { type: hosting.type as string } } : {}),
  });
  if (forward) {
    const kind = columns.forward_kind!;
    return { forward: { url: columns.forward_url!, kind, ...(kind === 'cloak' ? { title: columns.forward_title! } : {}) } };
  }
  if (parking) return { parking: { withAds: columns.parking_with_ads! } };
  const type = columns.hosting_type!;
  if (hosting!.mobileView === true && type !== 'advanced') throw new InvalidValue('mobile_view', 'only with advanced hosting', hosting!.mobileView);
  return { hosting: { type, ...(hosting!.mobileView !== undefined ? { mobileView: hosting!.mobileView as boolean } : {}) } };
}

function validateTemplateDns(input: unknown): TemplateDns {
  if (input === undefined || input === null) throw new MissingParameter('records');
  const d = object(input, 'dns');
  if (!Array.isArray(d.records)) throw new InvalidValue('records', 'a list of records is required', d.records);
  if (d.records.length > MAX_TEMPLATE_RECORDS) throw new InvalidValue('records', `at most ${MAX_TEMPLATE_RECORDS} records`, d.records.length);
  const ttl = d.ttl === undefined || d.ttl === null ? undefined : validateTtl(d.ttl, DNS_DEFAULT_TTL, 'ttl');
  const inputs = d.records as readonly DnsRecordInput[];
  const records = inputs.map((r, i) => validateDnsRecord(r, { apex: TEMPLATE_APEX, ...(ttl !== undefined ? { defaultTtl: ttl } : {}), param: `records[${i}]` }));
  verifyZoneRecords(records);
  return { records: records.map((r, i) => toRecordInput(r, inputs[i]!.ttl !== undefined && inputs[i]!.ttl !== null)), ...(ttl !== undefined ? { ttl } : {}) };
}

/** The canonical record back in input form: fields its type does not use left out, its TTL only when it gave one. */
function toRecordInput(r: DnsRecordData, ownTtl: boolean): DnsRecordInput {
  return {
    type: r.type,
    name: r.name,
    value: r.value,
    ...(ownTtl ? { ttl: r.ttl } : {}),
    ...(r.priority !== null ? { priority: r.priority } : {}),
    ...(r.weight !== null ? { weight: r.weight } : {}),
    ...(r.port !== null ? { port: r.port } : {}),
    ...(r.flags !== null ? { flags: r.flags } : {}),
    ...(r.tag !== null ? { tag: r.tag } : {}),
  };
}

/**
 * A template meets a TLD only when applied, so its name server list is held
 * to the loosest bounds of the offered TLDs (at least one name); the
 * domain's own TLD bounds apply when the template is applied. Only the
 * name server bounds of this policy are read.
 */
function templatePolicy(ctx: FlowContext): TldPolicy {
  const all = ctx.policy.list();
  const min = Math.max(1, Math.min(...all.map((p) => p.nameServers.min)));
  const max = Math.max(...all.map((p) => p.nameServers.max));
  return { ...all[0]!, nameServers: { min, max } };
}

function object(input: unknown, param: string): Record<string, unknown> {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) throw new InvalidValue(param, 'an object is required', input);
  return input as Record<string, unknown>;
}
