/**
 * The service parameters of domain/register and domain/modify: forward_url
 * with forward_mode (cloak, the default, or 301_redirect; Freenom edition
 * only), or name servers (repeated `nameserver`), never both.
 */
import type { ErrorCode, ServiceInput } from '../../core/index.ts';
import { WireError } from './errors.ts';
import type { Edition } from './commands/command.ts';
import type { Params } from './params.ts';

/** The engine's forward kinds (permanent, temporary, cloak). */
export type ForwardKind = NonNullable<ServiceInput['forward']>['kind'];

export interface ServiceParams {
  readonly forward: { readonly url: string; readonly kind: ForwardKind } | undefined;
  readonly nameServers: readonly string[];
}

const FORWARD_MODES: Readonly<Record<string, ForwardKind>> = { cloak: 'cloak', '301_redirect': 'permanent' };

/** Wire names of the engine's forward kinds (302_redirect: a temporary redirect set through another API). */
export const FORWARD_MODE_NAMES: Readonly<Record<ForwardKind, string>> = { cloak: 'cloak', permanent: '301_redirect', temporary: '302_redirect' };

export function serviceParams(params: Params, edition: Edition): ServiceParams {
  const url = params.one('forward_url');
  const mode = edition === 'freenom' ? params.one('forward_mode') : undefined;
  const nameServers = params.many('nameserver');
  if (url !== undefined && nameServers.length > 0) throw new WireError('forward_url and nameserver are mutually exclusive');
  return { forward: url === undefined ? undefined : { url, kind: forwardKind(mode) }, nameServers };
}

export function forwardKind(mode: string | undefined): ForwardKind {
  if (mode === undefined) return 'cloak';
  const kind = FORWARD_MODES[mode.trim().toLowerCase()];
  if (kind === undefined) throw new WireError('Invalid value for forward_mode: cloak or 301_redirect is required');
  return kind;
}

/** Refusals that register answers with its documented "NOT AVAILABLE" result. */
export const NOT_AVAILABLE_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['DOMAIN_NOT_AVAILABLE', 'DOMAIN_RESERVED', 'DOMAIN_BLOCKED', 'DOMAIN_QUARANTINED']);
