/**
 * A domain's service is one mode at a time: regd's own name servers (hosted
 * DNS), custom name servers, URL forwarding (permanent/temporary redirect or
 * cloak/stealth frame), parking or hosting. This turns a request into the
 * columns of exactly one mode, refusing contradictory requests.
 */
import { ConflictingParameters, InvalidNameServerCount, InvalidValue } from '../../errors/index.ts';
import { parseHostName } from '../../names.ts';
import type { TldPolicy } from '../../policy/tld-policy.ts';
import type { ForwardKind, ServiceMode } from '../../../store/index.ts';

export interface ServiceInput {
  /** Host names; an empty list means regd's own name servers. */
  readonly nameServers?: readonly string[];
  readonly forward?: { readonly url: string; readonly kind: ForwardKind; readonly title?: string };
  readonly parking?: { readonly withAds: boolean };
  readonly hosting?: { readonly type: string };
}

export interface ServiceColumns {
  service_mode: ServiceMode;
  name_servers: string;
  forward_url: string | null;
  forward_kind: ForwardKind | null;
  forward_title: string | null;
  parking_with_ads: boolean | null;
  hosting_type: string | null;
}

export const DEFAULT_SERVICE: ServiceColumns = Object.freeze({
  service_mode: 'regd_dns',
  name_servers: '[]',
  forward_url: null,
  forward_kind: null,
  forward_title: null,
  parking_with_ads: null,
  hosting_type: null,
});

export const FORWARD_KINDS: readonly ForwardKind[] = ['permanent', 'temporary', 'cloak'];

/** True when the input names any service at all. */
export function hasService(s: ServiceInput): boolean {
  return s.nameServers !== undefined || s.forward !== undefined || s.parking !== undefined || s.hosting !== undefined;
}

export function resolveService(policy: TldPolicy, s: ServiceInput): ServiceColumns {
  const given = (['nameServers', 'forward', 'parking', 'hosting'] as const).filter((k) => s[k] !== undefined);
  if (given.length > 1) throw new ConflictingParameters(paramName(given[0]!), paramName(given[1]!));
  if (s.forward) {
    return {
      ...DEFAULT_SERVICE,
      service_mode: s.forward.kind === 'cloak' ? 'stealth' : 'forward',
      forward_url: validateForwardUrl(s.forward.url),
      forward_kind: validateForwardKind(s.forward.kind),
      forward_title: s.forward.kind === 'cloak' ? (s.forward.title ?? '').slice(0, 255) : null,
    };
  }
  if (s.parking) return { ...DEFAULT_SERVICE, service_mode: 'parking', parking_with_ads: s.parking.withAds };
  if (s.hosting) {
    if (!/^[a-z0-9_-]{1,32}$/i.test(s.hosting.type)) throw new InvalidValue('hosting_type', 'a hosting type such as basic or advanced is required', s.hosting.type);
    return { ...DEFAULT_SERVICE, service_mode: 'hosting', hosting_type: s.hosting.type.toLowerCase() };
  }
  if (s.nameServers && s.nameServers.length > 0) {
    return { ...DEFAULT_SERVICE, service_mode: 'custom_ns', name_servers: JSON.stringify(validateNameServers(policy, s.nameServers)) };
  }
  return { ...DEFAULT_SERVICE };
}

export function validateNameServers(policy: TldPolicy, list: readonly string[], param = 'nameserver'): string[] {
  const hosts = list.map((h) => parseHostName(h, param));
  const unique = [...new Set(hosts)];
  if (unique.length !== hosts.length) throw new InvalidValue(param, 'the same name server is listed twice', list);
  const { min, max } = policy.nameServers;
  if (unique.length < min || unique.length > max) throw new InvalidNameServerCount(unique.length, min, max, param);
  return unique;
}

export function validateForwardUrl(input: string, param = 'forward_url'): string {
  let url: URL;
  try {
    url = new URL(String(input).trim());
  } catch {
    throw new InvalidValue(param, 'an http:// or https:// URL is required', input);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname) {
    throw new InvalidValue(param, 'an http:// or https:// URL is required', input);
  }
  if (url.href.length > 2048) throw new InvalidValue(param, 'at most 2048 characters', input);
  return url.href;
}

function validateForwardKind(kind: ForwardKind): ForwardKind {
  if (!FORWARD_KINDS.includes(kind)) throw new InvalidValue('forward_mode', `one of ${FORWARD_KINDS.join(', ')} is required`, kind);
  return kind;
}

function paramName(k: 'nameServers' | 'forward' | 'parking' | 'hosting'): string {
  return { nameServers: 'nameserver', forward: 'forward_url', parking: 'parking', hosting: 'hosting' }[k];
}
