/**
 * The one table of Dynadot's setting services (spec §8): each service's
 * parameter reader and its core call per target, from which
 * setting-commands.ts builds the three command families:
 *
 * | target  | commands                 | core                                          |
 * |---------|--------------------------|-----------------------------------------------|
 * | domain  | `set_<service>`          | the per-domain flow, for each listed domain   |
 * | default | `set_default_<service>`  | setDefaultSetting (the account's template)    |
 * | folder  | `set_folder_<service>`   | setFolderSetting (+ `enable`, `sync`)         |
 *
 * A service reads the same parameters for every target (the domain list,
 * `folder_id`, `enable` and `sync` are read by the generator), and stores
 * the same value: a domain's setting, or the template parts of core's
 * settings template (settings-template.ts) that mean that setting, so a
 * default or folder setting applied to a domain (registration, a move into
 * the folder, sync) leaves it as the per-domain command would.
 *
 * | service        | parameters                                   | domain flow                     | template parts                     |
 * |----------------|----------------------------------------------|---------------------------------|------------------------------------|
 * | whois          | registrant/admin/technical/billing_contact   | setDomainContacts               | contacts                           |
 * | ns             | ns0–ns12 (host objects of the account)       | setDomainNameServers            | nameServers                        |
 * | parking        | with_ads                                     | modifyDomain (parking)          | service.parking                    |
 * | forwarding     | forward_url, is_temp                         | modifyDomain (forward)          | service.forward                    |
 * | stealth        | stealth_url, stealth_title                   | modifyDomain (forward, cloak)   | service.forward (cloak)            |
 * | hosting        | hosting_type, mobile_view_on                 | modifyDomain (hosting)          | service.hosting                    |
 * | dns (legacy)   | main_record_type, main_record, … (§7.1)      | —                               | dns or service.forward, emailForward |
 * | dns2           | the DNS2 families (§7.1)                     | set_dns2's replace / append     | dns or service.forward, emailForward |
 * | email_forward  | forward_type, username{i}, mx_host{i}, …     | setEmailForward                 | emailForward                       |
 * | renew_option   | renew_option                                 | modifyDomain (renewOption)      | renewOption                        |
 */
import {
  getDomain, isRegdError, listHosts, listRecords, MAX_EMAIL_ALIASES, MAX_MX_DISTANCE, MAX_MX_HOSTS, modifyDomain, replaceZone,
  setDomainContacts, setDomainNameServers, setEmailForward, validateEmailForward, validateForwardUrl,
  type DomainView, type EmailForward, type RenewOption, type TemplateContacts, type TemplatePart,
} from '../../../core/index.ts';
import type { AnyFlow, FlowCaller, WireTree } from '../../kit/index.ts';
import { DynadotError } from '../errors.ts';
import type { Params } from '../params.ts';
import type { Answer } from '../render.ts';
import { readDns2, readLegacyDns, type Dns2Settings } from './dns2-records.ts';
import { yesNo } from './setting-domains.ts';

export type Target = 'domain' | 'default' | 'folder';

export interface SettingService<V> {
  /** The §8 service, as the README names it. */
  readonly service: string;
  /** The command of each target the service has. */
  readonly commands: Readonly<Partial<Record<Target, string>>>;
  /** The parameters (other than the domain list and the folder's); throws DynadotError on the first problem. */
  read(params: Params, target: Target): V;
  /** Per domain: the flows `apply` calls, and the change for one domain. */
  readonly domain?: { readonly uses: readonly AnyFlow[]; apply(call: FlowCaller, name: string, value: V): Promise<void> };
  /** The template parts the value is stored as (account default, folder). */
  parts(value: V): readonly TemplatePart[];
  /** Name servers must be host objects of the account (§10: "must already exist in your account"). */
  readonly requireHostObjects?: boolean;
  /** The answer of the default and folder commands when it is more than the envelope (set_default_ns's 13 servers). */
  readonly answer?: { readonly uses: readonly AnyFlow[]; build(call: FlowCaller, value: V, content: string): Promise<Answer> };
}

/** A table entry, its value type erased (the generators only pass it from `read` to the others). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnySettingService = SettingService<any>;

const service = <V>(s: SettingService<V>): AnySettingService => s;

const each = (name: string) => ({ domain: `set_${name}`, default: `set_default_${name}`, folder: `set_folder_${name}` });

// ---------------------------------------------------------------- whois

const ROLE_PARAMS = [
  ['registrant', 'registrant_contact'],
  ['admin', 'admin_contact'],
  ['tech', 'technical_contact'],
  ['billing', 'billing_contact'],
] as const;

/** The contacts by public id; a role not sent keeps its contact; at least one role. */
function readContacts(params: Params): TemplateContacts {
  const contacts: { -readonly [K in keyof TemplateContacts]: number } = {};
  for (const [role, param] of ROLE_PARAMS) {
    const id = params.integer(param, 1);
    if (id !== undefined) contacts[role] = id;
  }
  if (Object.keys(contacts).length === 0) throw DynadotError.missing('registrant_contact');
  return contacts;
}

// ---------------------------------------------------------------- ns

/** ns0–ns12 [L653]. */
export const MAX_NAME_SERVERS = 13;

function readNameServers(params: Params): string[] {
  const nameServers = [...params.family('ns', MAX_NAME_SERVERS).values()];
  if (nameServers.length === 0) throw DynadotError.missing('ns0');
  return nameServers;
}

/** `Servers>Server{ServerName, ServerId}` ×13 [L3395-3470]: the given servers with their ids (server_list's), then empty slots. */
async function serversAnswer(call: FlowCaller, nameServers: readonly string[], content: string): Promise<Answer> {
  const ids = new Map((await call.run(listHosts, {})).map((h) => [h.name, String(h.id)]));
  const servers: WireTree[] = [];
  for (let i = 0; i < MAX_NAME_SERVERS; i++) {
    const name = nameServers[i]?.toLowerCase();
    servers.push(name === undefined ? { ServerName: '', ServerId: '' } : { ServerName: name, ServerId: ids.get(name) ?? '' });
  }
  return { content: { Servers: { Server: servers } }, json: { [content]: { Servers: servers } } };
}

// ---------------------------------------------------------------- hosting

const HOSTING_TYPES = ['advanced', 'basic'] as const;

interface Hosting {
  readonly type: (typeof HOSTING_TYPES)[number];
  /** mobile_view_on as sent (absent: undefined). */
  readonly mobileView?: boolean;
}

function readHosting(params: Params): Hosting {
  const type = params.requiredChoice('hosting_type', HOSTING_TYPES);
  const sent = params.choice('mobile_view_on', ['yes', 'no'] as const);
  if (sent === 'yes' && type !== 'advanced') throw new DynadotError('mobile_view_on can only be yes when hosting_type is advanced');
  return { type, ...(sent !== undefined ? { mobileView: sent === 'yes' } : {}) };
}

// ---------------------------------------------------------------- e-mail forwarding

const FORWARD_TYPES = ['donot', 'mx', 'forward'] as const;

/**
 * `forward_type` `donot`; `mx` with `mx_host0`–`mx_host2` / `mx_distance0`–`mx_distance2`
 * (a missing distance is its index); `forward` with `username{i}` → `exist_email{i}`, i = 0–9.
 * Each entry is checked here so a refusal names its parameter; the other family is ignored.
 */
function readEmailForward(params: Params): EmailForward {
  const type = params.requiredChoice('forward_type', FORWARD_TYPES);
  return type === 'donot' ? { type } : type === 'mx' ? { type, mx: mailHosts(params) } : { type, aliases: aliases(params) };
}

function mailHosts(params: Params): { host: string; distance: number }[] {
  const hosts = params.family('mx_host', MAX_MX_HOSTS);
  const distances = params.family('mx_distance', MAX_MX_HOSTS);
  for (const i of distances.keys()) if (!hosts.has(i)) throw DynadotError.missing(`mx_host${i}`);
  if (hosts.size === 0) throw DynadotError.missing('mx_host0');
  const seen = new Set<string>();
  return [...hosts].map(([i, host]) => {
    const distance = params.integer(`mx_distance${i}`, 0, MAX_MX_DISTANCE) ?? i;
    const entry = checked({ type: 'mx', mx: [{ host, distance }] }, i, { host: 'mx_host', distance: 'mx_distance' }).mx[0]!;
    if (seen.has(entry.host)) throw DynadotError.invalid(`mx_host${i}`, host);
    seen.add(entry.host);
    return entry;
  });
}

function aliases(params: Params): { user: string; to: string }[] {
  const users = params.family('username', MAX_EMAIL_ALIASES);
  const targets = params.family('exist_email', MAX_EMAIL_ALIASES);
  for (const i of targets.keys()) if (!users.has(i)) throw DynadotError.missing(`username${i}`);
  if (users.size === 0) throw DynadotError.missing('username0');
  const seen = new Set<string>();
  return [...users].map(([i, user]) => {
    const to = targets.get(i);
    if (to === undefined) throw DynadotError.missing(`exist_email${i}`);
    const entry = checked({ type: 'forward', aliases: [{ user, to }] }, i, { user: 'username', to: 'exist_email' }).aliases[0]!;
    if (seen.has(entry.user)) throw DynadotError.invalid(`username${i}`, user);
    seen.add(entry.user);
    return entry;
  });
}

/** One entry through core's validator, its refusal named by the wire parameter (`exist_email3`, not `aliases[0].to`). */
function checked<T extends EmailForward>(forward: T, index: number, wire: Readonly<Record<string, string>>): T {
  try {
    return validateEmailForward(forward) as T;
  } catch (e) {
    if (!isRegdError(e)) throw e;
    const param = String((e.details as Record<string, unknown>).param ?? '');
    const field = /\.(\w+)$/.exec(param)?.[1] ?? '';
    const name = `${wire[field] ?? Object.values(wire)[0]}${index}`;
    throw DynadotError.invalid(name, entryValue(forward, field));
  }
}

function entryValue(forward: EmailForward, field: string): string {
  const entry: unknown = forward.type === 'mx' ? forward.mx[0] : forward.type === 'forward' ? forward.aliases[0] : undefined;
  return String((entry as Record<string, unknown> | undefined)?.[field] ?? '');
}

// ---------------------------------------------------------------- dns, dns2

interface Dns2Value extends Dns2Settings {
  /** set_dns2's `add_dns_to_current_setting=1` (domains only). */
  readonly append: boolean;
}

/**
 * A DNS setting as template parts: the records (or, for a forward / stealth
 * record, the URL forwarding) and the e-mail forwarding the email records
 * make (none: no forwarding), as set_dns2 leaves a domain.
 */
function dnsParts(v: Dns2Settings): TemplatePart[] {
  const serving: TemplatePart = v.forward !== undefined ? { key: 'service', value: { forward: v.forward } } : { key: 'dns', value: { records: v.records } };
  const email: EmailForward = v.emails.length > 0 ? { type: 'forward', aliases: v.emails } : { type: 'donot' };
  return [serving, { key: 'emailForward', value: email }];
}

const DNS2_FLOWS = [getDomain, listRecords, modifyDomain, replaceZone, setEmailForward];

/**
 * set_dns2 on one domain. Without `add_dns_to_current_setting=1` the whole
 * setting is replaced: regd's name servers, exactly the given records, the
 * e-mail forwarding of the email records (none: no forwarding), forwarded
 * for a forward/stealth record. With it, the records are added to the
 * current ones (e-mail aliases too); a domain without a main record (no
 * record at the domain itself, no forward, no e-mail alias) is refused (§17).
 */
async function applyDns2(call: FlowCaller, name: string, input: Dns2Value): Promise<void> {
  const d = await call.run(getDomain, { name });
  if (input.append) await appendDns2(call, d, input);
  else await replaceDns2(call, d, input);
}

async function replaceDns2(call: FlowCaller, d: DomainView, input: Dns2Settings): Promise<void> {
  if (d.serviceMode !== 'regd_dns') await call.run(modifyDomain, { name: d.name, service: { nameServers: [] } });
  await call.run(replaceZone, { name: d.name, records: input.records });
  const forward = input.emails.length > 0 ? { type: 'forward' as const, aliases: input.emails } : { type: 'donot' as const };
  await call.run(setEmailForward, { name: d.name, forward });
  if (input.forward !== undefined) await call.run(modifyDomain, { name: d.name, service: { forward: input.forward } });
}

async function appendDns2(call: FlowCaller, d: DomainView, input: Dns2Settings): Promise<void> {
  const forwarded = d.serviceMode === 'forward' || d.serviceMode === 'stealth';
  const current = d.serviceMode === 'regd_dns' ? (await call.run(listRecords, { name: d.name })).records : [];
  const aliases = d.emailForward.type === 'forward' ? d.emailForward.aliases : [];
  const hasMain = forwarded || aliases.length > 0 || current.some((r) => r.name === '@');
  if (!hasMain) throw new DynadotError('add_dns_to_current_setting needs a main record: the domain has none, set its dns without it first');
  if ((forwarded && (input.records.length > 0 || input.forward !== undefined)) || (input.forward !== undefined && current.length > 0)) {
    throw new DynadotError('a forward or stealth record can not be mixed with other dns records: regd forwards the whole domain');
  }
  const isMainMx = (r: { readonly type: string; readonly name: string }) => r.type.toUpperCase() === 'MX' && r.name === '@';
  const addsMainMx = input.records.some(isMainMx);
  const mixes = (addsMainMx && aliases.length + input.emails.length > 0) || (input.emails.length > 0 && current.some(isMainMx));
  if (mixes) throw new DynadotError('email records can not be mixed with main mx records');
  if (input.records.length > 0) await call.run(replaceZone, { name: d.name, records: input.records, append: true });
  if (input.emails.length > 0) await call.run(setEmailForward, { name: d.name, forward: { type: 'forward', aliases: [...aliases, ...input.emails] } });
  if (input.forward !== undefined) await call.run(modifyDomain, { name: d.name, service: { forward: input.forward } });
}

// ---------------------------------------------------------------- the table

const RENEW_OPTIONS = ['donot', 'auto', 'reset'] as const satisfies readonly RenewOption[];

export const SETTING_SERVICES: readonly AnySettingService[] = [
  service<TemplateContacts>({
    service: 'whois',
    commands: each('whois'),
    read: readContacts,
    domain: { uses: [setDomainContacts], apply: (call, name, contacts) => call.run(setDomainContacts, { name, ...contacts }).then(() => undefined) },
    parts: (contacts) => [{ key: 'contacts', value: contacts }],
  }),
  service<string[]>({
    service: 'ns',
    commands: each('ns'),
    read: readNameServers,
    domain: {
      uses: [setDomainNameServers],
      apply: (call, name, nameServers) => call.run(setDomainNameServers, { name, nameServers, requireHostObjects: true }).then(() => undefined),
    },
    parts: (nameServers) => [{ key: 'nameServers', value: nameServers }],
    requireHostObjects: true,
    answer: { uses: [listHosts], build: serversAnswer },
  }),
  service<boolean>({
    service: 'parking',
    commands: each('parking'),
    read: (params) => yesNo(params, 'with_ads', true),
    domain: { uses: [modifyDomain], apply: (call, name, withAds) => call.run(modifyDomain, { name, service: { parking: { withAds } } }).then(() => undefined) },
    parts: (withAds) => [{ key: 'service', value: { parking: { withAds } } }],
  }),
  service<{ readonly url: string; readonly kind: 'temporary' | 'permanent' }>({
    service: 'forwarding',
    commands: each('forwarding'),
    read: (params) => ({ url: params.required('forward_url'), kind: yesNo(params, 'is_temp', true) ? 'temporary' : 'permanent' }),
    domain: { uses: [modifyDomain], apply: (call, name, forward) => call.run(modifyDomain, { name, service: { forward } }).then(() => undefined) },
    parts: (forward) => [{ key: 'service', value: { forward } }],
  }),
  service<{ readonly url: string; readonly kind: 'cloak'; readonly title: string }>({
    service: 'stealth',
    commands: each('stealth'),
    // Checked here too, so a refusal names stealth_url (core's check names forward_url).
    read: (params) => ({ url: validateForwardUrl(params.required('stealth_url'), 'stealth_url'), kind: 'cloak', title: params.one('stealth_title') ?? '' }),
    domain: { uses: [modifyDomain], apply: (call, name, forward) => call.run(modifyDomain, { name, service: { forward } }).then(() => undefined) },
    parts: (forward) => [{ key: 'service', value: { forward } }],
  }),
  service<Hosting>({
    service: 'hosting',
    commands: each('hosting'),
    read: readHosting,
    // A domain keeps only its hosting type (mobile view has no domain column; README).
    domain: { uses: [modifyDomain], apply: (call, name, h) => call.run(modifyDomain, { name, service: { hosting: { type: h.type } } }).then(() => undefined) },
    parts: (hosting) => [{ key: 'service', value: { hosting } }],
  }),
  service<Dns2Settings>({
    service: 'dns',
    commands: { default: 'set_default_dns', folder: 'set_folder_dns' },
    read: readLegacyDns,
    parts: dnsParts,
  }),
  service<Dns2Value>({
    service: 'dns2',
    commands: each('dns2'),
    read: (params, target) => ({ append: target === 'domain' && params.flag('add_dns_to_current_setting'), ...readDns2(params) }),
    domain: { uses: DNS2_FLOWS, apply: applyDns2 },
    parts: dnsParts,
  }),
  service<EmailForward>({
    service: 'email_forward',
    commands: each('email_forward'),
    read: readEmailForward,
    domain: { uses: [setEmailForward], apply: (call, name, forward) => call.run(setEmailForward, { name, forward }).then(() => undefined) },
    parts: (forward) => [{ key: 'emailForward', value: forward }],
  }),
  service<RenewOption>({
    service: 'renew_option',
    commands: each('renew_option'),
    read: (params) => params.requiredChoice('renew_option', RENEW_OPTIONS),
    domain: { uses: [modifyDomain], apply: (call, name, renewOption) => call.run(modifyDomain, { name, renewOption }).then(() => undefined) },
    parts: (renewOption) => [{ key: 'renewOption', value: renewOption }],
  }),
];
