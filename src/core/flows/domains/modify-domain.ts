/**
 * Change a domain's settings: service (name servers, forwarding, parking,
 * hosting), renewal preference, privacy, transfer lock, label, note and
 * reseller customer. Only the fields given change. Load → verify (account,
 * ownership, state, reseller level) → validate each given field → persist.
 */
import type { FlowContext } from '../../context.ts';
import { actingAccountId, loadActiveAccount } from '../../actors.ts';
import { AccountLevelRequired, ConflictingParameters, InvalidValue, type ErrorCode } from '../../errors/index.ts';
import type { DomainsTable, Privacy, RenewOption } from '../../../store/index.ts';
import type { Updateable } from 'kysely';
import { loadOwnedDomain } from './domain-access.ts';
import { CHANGEABLE_STATES, verifyStateIn } from './domain-statuses.ts';
import { hasService, type ServiceInput } from './service-input.ts';
import { resolveDelegation } from './delegation.ts';
import { toDomainView, type DomainView } from './domain-view.ts';

export const throws = [
  'ACCOUNT_NOT_FOUND', 'ACCOUNT_SUSPENDED', 'NOT_AUTHORIZED_OPERATION', 'ACCOUNT_LEVEL_REQUIRED',
  'INVALID_DOMAIN_NAME', 'UNSUPPORTED_TLD', 'DOMAIN_NOT_FOUND', 'DOMAIN_STATUS_PROHIBITS',
  'INVALID_VALUE', 'INVALID_HOST_NAME', 'INVALID_NAME_SERVER_COUNT', 'CONFLICTING_PARAMETERS',
  'GLUE_REQUIRED', 'NSSET_NOT_FOUND',
] as const satisfies readonly ErrorCode[];

export interface ModifyDomainInput {
  readonly accountId?: number;
  readonly name: string;
  readonly service?: ServiceInput;
  /** NSSET handle (.cz): delegate through it instead of a name server list. */
  readonly nsset?: string;
  readonly autoRenew?: boolean;
  readonly renewOption?: RenewOption;
  readonly privacy?: Privacy;
  readonly locked?: boolean;
  readonly label?: string | null;
  readonly note?: string;
  readonly customerId?: string | null;
}

export const MAX_LABEL_LENGTH = 255;
export const MAX_NOTE_LENGTH = 1000;
export const MAX_CUSTOMER_ID_LENGTH = 64;

const RENEW_OPTIONS: readonly RenewOption[] = ['auto', 'donot', 'reset'];
const PRIVACY_LEVELS: readonly Privacy[] = ['off', 'partial', 'full'];

type DomainPatch = Updateable<DomainsTable>;

export async function modifyDomain(ctx: FlowContext, input: ModifyDomainInput): Promise<DomainView> {
  const accountId = actingAccountId(ctx, input.accountId);
  const account = await loadActiveAccount(ctx, accountId);
  const owned = await loadOwnedDomain(ctx, accountId, input.name);
  verifyStateIn(owned, CHANGEABLE_STATES, 'modify');
  if (input.customerId !== undefined && account.level !== 'reseller') throw new AccountLevelRequired('reseller');

  const delegation =
    (input.service !== undefined && hasService(input.service)) || input.nsset !== undefined
      ? await resolveDelegation(ctx, accountId, owned.row.name, owned.policy, input.service ?? {}, input.nsset)
      : {};
  const patch: DomainPatch = {
    ...delegation,
    ...renewColumns(input.autoRenew, input.renewOption),
    ...(input.privacy !== undefined ? { privacy: oneOf(input.privacy, PRIVACY_LEVELS, 'privacy') } : {}),
    ...(input.locked !== undefined ? { locked: boolean(input.locked, 'locked') } : {}),
    ...(input.label !== undefined ? { label: normalizeLabel(input.label) } : {}),
    ...(input.note !== undefined ? { note: text(input.note, 'note', MAX_NOTE_LENGTH) } : {}),
    ...(input.customerId !== undefined ? { customer_id: normalizeCustomerId(input.customerId) } : {}),
  };
  // Nothing to change: the domain is returned as it is, updated_at untouched.
  if (Object.keys(patch).length === 0) return toDomainView(owned.row, ctx.policy, ctx.now);

  const row = await ctx.db
    .updateTable('domains')
    .set({ ...patch, updated_at: ctx.now })
    .where('id', '=', owned.row.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toDomainView(row, ctx.policy, ctx.now);
}

/**
 * auto_renew and renew_option always agree: 'auto' ⇔ auto_renew true;
 * 'donot' and 'reset' (back to the account default, which is "ask") keep it
 * off. autoRenew alone maps to 'auto' / 'donot'; both given must agree.
 */
function renewColumns(autoRenew: boolean | undefined, renewOption: RenewOption | undefined): DomainPatch {
  if (renewOption !== undefined) {
    const option = oneOf(renewOption, RENEW_OPTIONS, 'renew_option');
    if (autoRenew !== undefined && boolean(autoRenew, 'auto_renew') !== (option === 'auto')) {
      throw new ConflictingParameters('auto_renew', 'renew_option');
    }
    return { renew_option: option, auto_renew: option === 'auto' };
  }
  if (autoRenew === undefined) return {};
  const on = boolean(autoRenew, 'auto_renew');
  return { auto_renew: on, renew_option: on ? 'auto' : 'donot' };
}

/** A label is trimmed; an empty one (or null) removes it. */
function normalizeLabel(label: string | null): string | null {
  if (label === null) return null;
  const s = text(label, 'label', MAX_LABEL_LENGTH).trim();
  return s === '' ? null : s;
}

function normalizeCustomerId(id: string | null): string | null {
  if (id === null) return null;
  const s = text(id, 'customer_id', MAX_CUSTOMER_ID_LENGTH).trim();
  if (s === '') return null;
  if ([...s].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) throw new InvalidValue('customer_id', 'control characters are not allowed', id);
  return s;
}

function text(value: unknown, param: string, max: number): string {
  if (typeof value !== 'string') throw new InvalidValue(param, 'a string is required', value);
  if (value.length > max) throw new InvalidValue(param, `at most ${max} characters`, value);
  return value;
}

function boolean(value: unknown, param: string): boolean {
  if (typeof value !== 'boolean') throw new InvalidValue(param, 'true or false is required', value);
  return value;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], param: string): T {
  if (typeof value !== 'string' || !allowed.includes(value as T)) {
    throw new InvalidValue(param, `one of ${allowed.join(', ')} is required`, value);
  }
  return value as T;
}
