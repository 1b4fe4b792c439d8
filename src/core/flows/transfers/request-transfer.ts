/**
 * Request a transfer of a live domain from its holder (the losing account)
 * to the acting account (the gaining account), proving knowledge of the
 * domain's auth code. Load → verify (account, name, obstacles, auth code) →
 * price → order → then either
 * - complete at once (synchronous TLDs, or TLDs where a correct auth code
 *   suffices): charge and move the domain; or
 * - hold the price on the gaining account, record a pending transfer that
 *   the losing side may approve or decline until its auto-approval instant,
 *   and mail the losing account. Contacts and name servers named for the
 *   domain are checked now and kept on the transfer; they are applied when
 *   it completes (transfer-contacts.ts, transfer-name-servers.ts).
 * A wrong auth code, like every other refusal, changes nothing. The one
 * obstacle that is not public (a status is) is a waiting period: its end
 * tells when the domain was registered or last changed hands, so it is only
 * reported once the auth code is proved; before that, a wrong code is
 * AuthCodeMismatch.
 */
import type { FlowContext } from '../../context.ts';
import { actingAccountId, loadActiveAccount } from '../../actors.ts';
import { AuthCodeMismatch, MissingParameter, TransferNotPossible, type ErrorCode } from '../../errors/index.ts';
import { normalizeCurrency } from '../../money.ts';
import { charge, hold } from '../../money/ledger.ts';
import { createOrder } from '../../money/orders.ts';
import { parseDomainName } from '../../names.ts';
import { enqueueMail } from '../../outbox.ts';
import type { Quote } from '../../pricing.ts';
import type { DomainRow, TransferRow } from '../../../store/index.ts';
import { loadLiveRow } from '../domains/domain-access.ts';
import { toDomainView, type DomainView } from '../domains/domain-view.ts';
import { verifyAuthCode } from '../domains/verify-auth-code.ts';
import { handOverDomain } from './hand-over-domain.ts';
import { resolveTransferContacts, storedContactsValue, type ResolvedTransferContacts, type TransferContacts } from './transfer-contacts.ts';
import { parseTransferNameServers, storedNameServersValue, verifyTransferNameServerGlue } from './transfer-name-servers.ts';
import { completesAtOnce, expiryAfterTransfer, findTransferObstacle, transferQuote } from './transfer-rules.ts';
import { AUTH_CODE_CHECK_MS, AUTH_CODE_REQUIRED_REASON, toTransferItem, type TransferItem } from './transfer-view.ts';

export const throws = [
  'ACCOUNT_NOT_FOUND', 'ACCOUNT_SUSPENDED', 'NOT_AUTHORIZED_OPERATION',
  'INVALID_DOMAIN_NAME', 'UNSUPPORTED_TLD', 'CURRENCY_NOT_SUPPORTED', 'INVALID_VALUE', 'MISSING_PARAMETER', 'CONTACT_NOT_FOUND',
  'INVALID_HOST_NAME', 'INVALID_NAME_SERVER_COUNT', 'GLUE_REQUIRED', 'NAME_SERVER_AWAITS_TRANSFER',
  'TRANSFER_NOT_POSSIBLE', 'TRANSFER_TO_SELF', 'DOMAIN_LOCKED', 'DOMAIN_STATUS_PROHIBITS', 'TRANSFER_TOO_SOON',
  'TRANSFER_ALREADY_PENDING', 'PUSH_ALREADY_PENDING', 'DOMAIN_NOT_FOUND', 'AUTH_CODE_MISMATCH', 'INSUFFICIENT_FUNDS',
] as const satisfies readonly ErrorCode[];

export interface RequestTransferInput {
  readonly accountId?: number;
  readonly name: string;
  readonly authCode: string;
  readonly currency?: string;
  /**
   * Contacts (public contact numbers of the gaining account) for the domain
   * once it arrives; roles not given are cleared. Checked at request time;
   * a pending transfer keeps them and applies them when it completes.
   * Without contacts the domain arrives with none.
   */
  readonly contacts?: TransferContacts;
  /**
   * Name servers (host names) for the domain once it arrives: [] for regd's
   * own; undefined keeps the current ones. Checked at request time like
   * setDomainNameServers; a pending transfer keeps them and sets them when
   * it completes. A server under the domain itself needs its glue, which a
   * pending transfer cannot give (NameServerAwaitsTransfer).
   */
  readonly nameServers?: readonly string[];
  /**
   * A wrong auth code opens the order anyway, its transfer waiting for the
   * right code (Dynadot's "auth code required"; resubmitTransferAuthCode)
   * instead of refusing. Such a transfer is closed ('failed') and blocks
   * nothing: no money is held and the domain may be transferred by others
   * meanwhile. Without it a wrong code is AuthCodeMismatch.
   */
  readonly awaitAuthCode?: boolean;
}

export interface RequestTransferResult {
  /** Seen from the gaining side (direction incoming). */
  readonly transfer: TransferItem;
  readonly orderNumber: string;
  readonly quote: Quote;
  /** The gaining account's view of the domain once it has moved; null while the transfer is pending. */
  readonly domain: DomainView | null;
  /** The expiry after the transfer (for a pending one: as computed at request time). */
  readonly expiresAt: Date;
}

export async function requestTransfer(ctx: FlowContext, input: RequestTransferInput): Promise<RequestTransferResult> {
  const accountId = actingAccountId(ctx, input.accountId);
  const account = await loadActiveAccount(ctx, accountId);
  const name = parseDomainName(input.name, ctx.policy);
  const policy = ctx.policy.get(name.tld);
  const currency = normalizeCurrency(input.currency ?? account.default_currency);
  verifyAuthCodeGiven(input.authCode);
  const atOnce = completesAtOnce(policy);
  const contacts = await resolveTransferContacts(ctx, accountId, input.contacts);
  const nameServers = parseTransferNameServers(policy, input.nameServers);

  const row = await loadLiveRow(ctx, name.ascii);
  const obstacle = await findTransferObstacle(ctx, name.ascii, row, policy, accountId);
  if ((obstacle !== undefined && obstacle.code !== 'TRANSFER_TOO_SOON') || row === undefined) throw obstacle ?? new TransferNotPossible(name.ascii, 'it is not registered');
  const codeMatches = await authCodeMatches(ctx, name.ascii, input.authCode);
  if (!codeMatches && input.awaitAuthCode !== true) throw new AuthCodeMismatch(name.ascii);
  if (codeMatches && obstacle !== undefined) throw obstacle;
  if (codeMatches) await verifyTransferNameServerGlue(ctx, accountId, row.name, nameServers, atOnce);

  const price = transferQuote(policy, row.name, currency, ctx.now);
  const months = policy.transfer.addsMonths;
  const expiresAt = expiryAfterTransfer(row.expires_at, months, policy, ctx.now);
  const { order } = await createOrder(ctx, {
    accountId,
    kind: 'transfer',
    currency,
    status: atOnce && codeMatches ? 'completed' : 'processing',
    items: [{ kind: 'transfer', domainName: row.name, periodMonths: months, amountMinor: price.totalMinor }],
  });
  if (!codeMatches) {
    // The order waits for the right code; the transfer is closed and blocks nothing.
    const transfer = await insertTransfer(ctx, row, accountId, {
      status: 'failed', autoApproveAt: ctx.now, orderId: order.id, holdId: null, price, months, contacts, nameServers,
    });
    return { transfer: toTransferItem(transfer, accountId, ctx.now), orderNumber: order.number, quote: price, domain: null, expiresAt };
  }
  const money = { accountId, currency, amountMinor: price.totalMinor, orderId: order.id, memo: `transfer ${row.name}` };

  if (atOnce) {
    if (price.totalMinor > 0) await charge(ctx, money);
    const moved = await handOverDomain(ctx, row, accountId, {
      expiresAt,
      ...(contacts !== undefined ? { contacts: contacts.columns } : {}),
      ...(nameServers !== undefined ? { nameServers } : {}),
      accountDefaults: true,
    });
    const transfer = await insertTransfer(ctx, row, accountId, {
      status: 'completed', autoApproveAt: ctx.now, orderId: order.id, holdId: null, price, months, contacts, nameServers,
    });
    return { transfer: toTransferItem(transfer, accountId, ctx.now), orderNumber: order.number, quote: price, domain: toDomainView(moved, ctx.policy, ctx.now), expiresAt };
  }

  const held = price.totalMinor > 0 ? await hold(ctx, money) : null;
  const autoApproveAt = new Date(ctx.now.getTime() + policy.transfer.autoApproveMs);
  const transfer = await insertTransfer(ctx, row, accountId, {
    status: 'pending', autoApproveAt, orderId: order.id, holdId: held?.id ?? null, price, months, contacts, nameServers,
  });
  await mailLosingAccount(ctx, row, transfer);
  return { transfer: toTransferItem(transfer, accountId, ctx.now), orderNumber: order.number, quote: price, domain: null, expiresAt };
}

/** The code is the domain's (whatever else may keep the transfer from happening). */
export async function authCodeMatches(ctx: FlowContext, name: string, authCode: string): Promise<boolean> {
  try {
    await verifyAuthCode(ctx, { name, authCode });
    return true;
  } catch (err) {
    if (err instanceof AuthCodeMismatch) return false;
    throw err;
  }
}

export function verifyAuthCodeGiven(authCode: unknown): void {
  if (authCode === undefined || authCode === null || authCode === '') throw new MissingParameter('auth_code');
}

async function insertTransfer(
  ctx: FlowContext,
  row: DomainRow,
  gainingAccountId: number,
  t: {
    status: 'pending' | 'completed' | 'failed'; autoApproveAt: Date; orderId: number; holdId: number | null; price: Quote; months: number;
    contacts: ResolvedTransferContacts | undefined; nameServers: readonly string[] | undefined;
  },
): Promise<TransferRow> {
  const completed = t.status === 'completed';
  const awaiting = t.status === 'failed';
  return ctx.db
    .insertInto('transfers')
    .values({
      domain_id: row.id,
      domain_name: row.name,
      gaining_account_id: gainingAccountId,
      losing_account_id: row.account_id,
      status: t.status,
      requested_at: ctx.now,
      auto_approve_at: t.autoApproveAt,
      // A wrong code is refused by the registry AUTH_CODE_CHECK_MS later: pending until then (transfer-view.ts).
      decided_at: completed ? ctx.now : awaiting ? new Date(ctx.now.getTime() + AUTH_CODE_CHECK_MS) : null,
      decided_by: completed || awaiting ? 'auto' : null,
      ...(awaiting ? { reason: AUTH_CODE_REQUIRED_REASON } : {}),
      currency: t.price.currency,
      amount_minor: t.price.totalMinor,
      period_months: t.months,
      order_id: t.orderId,
      hold_id: t.holdId,
      contacts: storedContactsValue(t.contacts),
      name_servers: storedNameServersValue(t.nameServers),
      updated_at: ctx.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function mailLosingAccount(ctx: FlowContext, row: DomainRow, t: TransferRow): Promise<void> {
  const losing = await ctx.db.selectFrom('accounts').select('email').where('id', '=', row.account_id).executeTakeFirstOrThrow();
  await enqueueMail(ctx, {
    accountId: row.account_id,
    to: losing.email,
    kind: 'transfer_requested',
    subject: `Transfer requested for ${row.name}`,
    body: [
      `A transfer of ${row.name} to another account was requested at ${t.requested_at.toISOString()}.`,
      `Transfer number: ${t.number}`,
      `Approve or decline it before ${t.auto_approve_at.toISOString()}; without an answer it is approved automatically at that time.`,
    ].join('\n'),
  });
}
