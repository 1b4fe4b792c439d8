/**
 * RDAP response objects (RFC 9083) as the ICANN gTLD RDAP Response Profile
 * and Technical Implementation Guide shape them: domain, nameserver and
 * entity objects, notices, events, links, status values (RFC 8056), secure
 * DNS, and the error object. `base` is the RDAP base URL the client used
 * (".../rdap"), for self links.
 */
import type { EppStatus, NameServerRecord, PublishedNameServer, RegistrationRecord, ContactEntityRecord } from '../../core/index.ts';
import { ICANN_INACCURACY_FORM, ICANN_STATUS_URL, redactionNotice, rddsDate, termsOfUse, type RegistrarIdentity } from '../whois/notices.ts';
import { RDAP_ROLES, contactVcard, redactions, type Json, type JsonObject } from './jcard.ts';

export const RDAP_CONFORMANCE = ['rdap_level_0', 'icann_rdap_response_profile_1', 'icann_rdap_technical_implementation_guide_1', 'redacted'] as const;
export const RDAP_TYPE = 'application/rdap+json';
const REDACTED_HOW = 'listed in the "redacted" member (RFC 9537)';

/** RFC 8056 §2: EPP status → RDAP status. */
const RDAP_STATUS: Readonly<Record<EppStatus, string>> = {
  ok: 'active',
  pendingCreate: 'pending create',
  addPeriod: 'add period',
  autoRenewPeriod: 'auto renew period',
  redemptionPeriod: 'redemption period',
  pendingDelete: 'pending delete',
  pendingTransfer: 'pending transfer',
  clientTransferProhibited: 'client transfer prohibited',
};

export function rdapStatus(s: EppStatus): string {
  return RDAP_STATUS[s];
}

function link(base: string, path: string, rel = 'self'): JsonObject {
  const href = `${base}/${path}`;
  return { value: href, rel, href, type: RDAP_TYPE };
}

function event(action: string, date: Date): JsonObject {
  return { eventAction: action, eventDate: rddsDate(date) };
}

export function notices(registrar: RegistrarIdentity, base: string, extra: readonly JsonObject[] = []): Json[] {
  return [
    { title: 'Terms of Use', description: [termsOfUse(registrar)], links: [{ value: `${base}/help`, rel: 'terms-of-service', href: `${base}/help`, type: RDAP_TYPE }] },
    {
      title: 'Status Codes',
      description: ['For more information on domain status codes, please visit https://icann.org/epp'],
      links: [{ value: `${base}/help`, rel: 'glossary', href: ICANN_STATUS_URL, type: 'text/html' }],
    },
    {
      title: 'RDDS Inaccuracy Complaint Form',
      description: ['URL of the ICANN RDDS Inaccuracy Complaint Form: https://icann.org/wicf'],
      links: [{ value: `${base}/help`, rel: 'help', href: ICANN_INACCURACY_FORM, type: 'text/html' }],
    },
    ...extra,
  ];
}

/** The registrar entity (roles registrar), with its IANA id and abuse contact. */
export function registrarEntity(r: RegistrarIdentity, base: string): JsonObject {
  return {
    objectClassName: 'entity',
    handle: String(r.ianaId),
    roles: ['registrar'],
    publicIds: [{ type: 'IANA Registrar ID', identifier: String(r.ianaId) }],
    vcardArray: ['vcard', [['version', {}, 'text', '4.0'], ['fn', {}, 'text', r.name]]],
    links: [link(base, `entity/${r.ianaId}`), { value: `${base}/entity/${r.ianaId}`, rel: 'about', href: r.url, type: 'text/html' }],
    entities: [{
      objectClassName: 'entity',
      roles: ['abuse'],
      vcardArray: ['vcard', [
        ['version', {}, 'text', '4.0'],
        ['fn', {}, 'text', `${r.name} abuse contact`],
        ['tel', { type: ['voice'] }, 'uri', `tel:${r.abusePhone}`],
        ['email', {}, 'text', r.abuseEmail],
      ]],
    }],
  };
}

function nameServerObject(ns: PublishedNameServer | NameServerRecord, base: string): JsonObject {
  const v4 = ns.addresses.filter((a) => !a.includes(':'));
  const v6 = ns.addresses.filter((a) => a.includes(':'));
  return {
    objectClassName: 'nameserver',
    ...('handle' in ns && ns.handle !== null ? { handle: ns.handle } : {}),
    ldhName: ns.name,
    ...(ns.unicodeName !== ns.name ? { unicodeName: ns.unicodeName } : {}),
    ...(ns.addresses.length > 0 ? { ipAddresses: { ...(v4.length > 0 ? { v4 } : {}), ...(v6.length > 0 ? { v6 } : {}) } } : {}),
    links: [link(base, `nameserver/${ns.name}`)],
  };
}

/** A domain object, without the top-level members (rdapConformance, notices) a search result leaves out. */
export function domainObject(r: RegistrationRecord, registrar: RegistrarIdentity, base: string, now: Date): { object: JsonObject; redacted: Json[] } {
  const redacted: Json[] = [];
  const contacts = r.contacts.map((c) => {
    const role = RDAP_ROLES[c.role];
    redacted.push(...redactions(c, `$.entities[?(@.roles[0]=='${role}')]`));
    return {
      objectClassName: 'entity',
      ...(c.handle !== null ? { handle: c.handle } : {}),
      roles: [role],
      vcardArray: contactVcard(c),
      ...(c.handle !== null ? { links: [link(base, `entity/${c.handle}`)] } : {}),
    } satisfies JsonObject;
  });
  const ds = r.dnssec.flatMap((k) => (k.kind === 'ds' ? [{ keyTag: k.keyTag, algorithm: k.algorithm, digestType: k.digestType, digest: k.digest }] : []));
  const keys = r.dnssec.flatMap((k) => (k.kind === 'dnskey' ? [{ flags: k.flags, protocol: k.protocol, algorithm: k.algorithm, publicKey: k.publicKey }] : []));
  const object: JsonObject = {
    objectClassName: 'domain',
    handle: r.roid,
    ldhName: r.name,
    ...(r.unicodeName !== r.name ? { unicodeName: r.unicodeName } : {}),
    links: [link(base, `domain/${r.name}`), { value: `${base}/domain/${r.name}`, rel: 'related', href: `${base}/domain/${r.name}`, type: RDAP_TYPE }],
    status: r.statuses.map(rdapStatus),
    entities: [registrarEntity(registrar, base), ...contacts],
    events: [
      event('registration', r.createdAt),
      event('expiration', r.expiresAt),
      ...(r.transferredAt ? [event('transfer', r.transferredAt)] : []),
      event('last changed', r.updatedAt),
      event('last update of RDAP database', now),
    ],
    nameservers: r.nameServers.map((ns) => nameServerObject(ns, base)),
    secureDNS: {
      delegationSigned: r.dnssec.length > 0,
      ...(ds.length > 0 ? { dsData: ds } : {}),
      ...(keys.length > 0 ? { keyData: keys } : {}),
    },
    port43: registrar.whoisServer,
  };
  return { object, redacted };
}

/** A whole domain response. */
export function domainResponse(r: RegistrationRecord, registrar: RegistrarIdentity, base: string, now: Date): JsonObject {
  const { object, redacted } = domainObject(r, registrar, base, now);
  const notice = redactionNotice(r.privacy, REDACTED_HOW);
  return {
    rdapConformance: [...RDAP_CONFORMANCE],
    ...object,
    ...(redacted.length > 0 ? { redacted } : {}),
    notices: notices(registrar, base, notice ? [{ title: 'Redacted Data', description: [notice] }] : []),
  };
}

export function nameServerResponse(ns: NameServerRecord, registrar: RegistrarIdentity, base: string, now: Date): JsonObject {
  return {
    rdapConformance: [...RDAP_CONFORMANCE],
    ...nameServerObject(ns, base),
    status: ['active'],
    entities: [registrarEntity(registrar, base)],
    events: [...(ns.createdAt ? [event('registration', ns.createdAt)] : []), event('last update of RDAP database', now)],
    port43: registrar.whoisServer,
    ...(ns.kind === 'external'
      ? { remarks: [{ title: 'External Name Server', description: ['This name server is not a host object in this registry; domains here are delegated to it. Its addresses are not held here.'] }] }
      : {}),
    notices: notices(registrar, base),
  };
}

export function contactEntityResponse(e: ContactEntityRecord, registrar: RegistrarIdentity, base: string, now: Date): JsonObject {
  const redacted = redactions({ ...e.contact, redacted: e.contact.redacted.filter((f) => f !== 'handle') }, '$');
  const notice = redactionNotice(e.privacy, REDACTED_HOW);
  return {
    rdapConformance: [...RDAP_CONFORMANCE],
    objectClassName: 'entity',
    handle: e.handle,
    roles: e.roles.map((r) => RDAP_ROLES[r]),
    vcardArray: contactVcard(e.contact),
    links: [link(base, `entity/${e.handle}`)],
    events: [event('registration', e.createdAt), event('last changed', e.updatedAt), event('last update of RDAP database', now)],
    port43: registrar.whoisServer,
    ...(redacted.length > 0 ? { redacted } : {}),
    notices: notices(registrar, base, notice ? [{ title: 'Redacted Data', description: [notice] }] : []),
  };
}

export function registrarResponse(registrar: RegistrarIdentity, base: string, now: Date): JsonObject {
  return {
    rdapConformance: [...RDAP_CONFORMANCE],
    ...registrarEntity(registrar, base),
    events: [event('last update of RDAP database', now)],
    notices: notices(registrar, base),
  };
}

export function helpResponse(registrar: RegistrarIdentity, base: string, searchLimit: number): JsonObject {
  return {
    rdapConformance: [...RDAP_CONFORMANCE],
    notices: notices(registrar, base, [{
      title: 'Queries',
      description: [
        `${base}/domain/<name>: a domain (A-label or U-label).`,
        `${base}/nameserver/<name>: a name server.`,
        `${base}/entity/<handle>: a contact of a registered domain (REGD-C…), or the registrar (${registrar.ianaId}).`,
        `${base}/domains?name=<pattern>: domains by name; one "*" may end the first label (exam*.com), at most ${searchLimit} results.`,
        'ip, autnum, nameservers and entities searches are not supported (501).',
      ],
    }]),
  };
}

/** RFC 9083 §6 error object. */
export function errorResponse(code: number, title: string, description: string): JsonObject {
  return { rdapConformance: [...RDAP_CONFORMANCE], errorCode: code, title, description: [description] };
}
