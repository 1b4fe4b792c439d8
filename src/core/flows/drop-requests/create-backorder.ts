/**
 * Backorder names (Dynadot add_backorder_request): up to 100 names someone
 * else holds; when one is released the sweeper tries to register it for the
 * oldest pending requester, who agreed to pay the register price then.
 * Nothing is held. All or nothing: one bad name refuses the whole list.
 */
import type { FlowContext } from '../../context.ts';
import { actingAccountId, loadActiveAccount } from '../../actors.ts';
import { InvalidValue, MissingParameter, type ErrorCode } from '../../errors/index.ts';
import { normalizeCurrency } from '../../money.ts';
import { parseNewDomainName, type DomainName } from '../../names.ts';
import { defaultPeriod, quote } from '../../pricing.ts';
import { verifyDroppable, verifyNoPendingRequest } from './droppable.ts';
import { toDropRequestViews, type DropRequestView } from './drop-request-view.ts';

export const throws = [
  'ACCOUNT_NOT_FOUND', 'ACCOUNT_SUSPENDED', 'NOT_AUTHORIZED_OPERATION', 'MISSING_PARAMETER',
  'INVALID_DOMAIN_NAME', 'UNSUPPORTED_TLD', 'INVALID_VALUE', 'CURRENCY_NOT_SUPPORTED', 'INVALID_PERIOD',
  'DROP_NAME_AVAILABLE', 'DROP_NAME_OWNED', 'DROP_REQUEST_EXISTS', 'DOMAIN_RESERVED', 'DOMAIN_BLOCKED',
] as const satisfies readonly ErrorCode[];

/** Dynadot accepts at most 100 domains per add_backorder_request. */
export const MAX_BACKORDER_NAMES = 100;

export interface CreateBackorderInput {
  readonly accountId?: number;
  readonly names: readonly string[];
}

export async function createBackorder(ctx: FlowContext, input: CreateBackorderInput): Promise<readonly DropRequestView[]> {
  const accountId = actingAccountId(ctx, input.accountId);
  const account = await loadActiveAccount(ctx, accountId);
  const names = parseNames(ctx, input.names);
  const currency = normalizeCurrency(account.default_currency);
  const rows = [];
  for (const name of names) {
    const policy = ctx.policy.get(name.tld);
    await verifyDroppable(ctx, accountId, name, policy);
    await verifyNoPendingRequest(ctx, accountId, 'backorder', name.ascii);
    const price = quote(policy, { op: 'register', name: name.ascii, periodMonths: defaultPeriod(policy, 'PAID'), currency, at: ctx.now, domainType: 'PAID' });
    rows.push({
      account_id: accountId,
      kind: 'backorder' as const,
      domain_name: name.ascii,
      unicode_name: name.unicode,
      tld: name.tld,
      status: 'pending' as const,
      currency,
      amount_minor: price.totalMinor,
      hold_id: null,
      domain_id: null,
      created_at: ctx.now,
      updated_at: ctx.now,
    });
  }
  const inserted = await ctx.db.insertInto('drop_requests').values(rows).returningAll().execute();
  return toDropRequestViews(ctx, inserted.sort((a, b) => a.id - b.id));
}

/** Every name parsed first (a bad one refuses the list); the same name twice is one request. */
function parseNames(ctx: FlowContext, raw: readonly string[] | undefined): readonly DomainName[] {
  if (!Array.isArray(raw) || raw.length === 0) throw new MissingParameter('names');
  if (raw.length > MAX_BACKORDER_NAMES) throw new InvalidValue('names', `at most ${MAX_BACKORDER_NAMES} domains per request`, raw.length);
  const byAscii = new Map<string, DomainName>();
  for (const input of raw) {
    const name = parseNewDomainName(input, ctx.policy, 'names');
    if (!byAscii.has(name.ascii)) byAscii.set(name.ascii, name);
  }
  return [...byAscii.values()];
}
