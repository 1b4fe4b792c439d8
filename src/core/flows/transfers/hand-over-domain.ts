/**
 * Moving a registration to another account (transfer completion, accepted
 * push). What belonged to the old holder does not follow the domain: its
 * folder, contacts, label, note and reseller customer id are cleared; the
 * auth code is replaced (the old holder knew it) and the transfer lock is
 * lifted. Name servers, DNS zone, NSSET and renewal settings stay, so the
 * domain keeps resolving, and the hosts (glue) under the domain move with
 * it to the new holder (hosts/subordinate-hosts.ts). A transfer may name
 * the name servers it arrives with (transfer-name-servers.ts, checked at
 * request time); they are set here, the one place every completion passes.
 *
 * A transfer in (not a push) then takes the gaining account's defaults
 * (Dynadot's account defaults: contacts for the roles the transfer left
 * empty, renew option, e-mail forwarding, and the delegation unless the
 * transfer named its name servers), as a registration does. Defaults that
 * no longer apply (a default host deleted since) do not stop the transfer:
 * they are rolled back to a savepoint and the domain keeps what it came
 * with.
 */
import { sql } from 'kysely';
import type { FlowContext } from '../../context.ts';
import { isRegdError } from '../../errors/index.ts';
import type { DomainRow } from '../../../store/index.ts';
import { applyAccountDefaults, registrationTemplateKeys } from '../settings/apply-account-defaults.ts';
import { newAuthCode } from '../domains/register-domain.ts';
import { moveSubordinateHosts } from '../hosts/subordinate-hosts.ts';
import type { ContactColumns } from './transfer-contacts.ts';
import { delegationColumns } from './transfer-name-servers.ts';
import { endDomainAuctions } from '../auctions/end-domain-auctions.ts';

const NO_CONTACTS: ContactColumns = { registrant_contact_id: null, admin_contact_id: null, tech_contact_id: null, billing_contact_id: null };

export async function handOverDomain(
  ctx: FlowContext,
  row: DomainRow,
  toAccountId: number,
  options: {
    readonly expiresAt?: Date;
    readonly contacts?: ContactColumns;
    /** Set the delegation: host names, [] for regd's own name servers; undefined keeps it. */
    readonly nameServers?: readonly string[];
    /** Apply the gaining account's defaults (a transfer in). */
    readonly accountDefaults?: boolean;
  } = {},
): Promise<DomainRow> {
  const moved = await ctx.db
    .updateTable('domains')
    .set({
      account_id: toAccountId,
      ...(options.expiresAt !== undefined ? { expires_at: options.expiresAt } : {}),
      transferred_at: ctx.now,
      auth_code: newAuthCode(),
      locked: false,
      folder_id: null,
      ...(options.contacts ?? NO_CONTACTS),
      ...(options.nameServers !== undefined ? delegationColumns(options.nameServers) : {}),
      label: null,
      note: '',
      customer_id: null,
      updated_at: ctx.now,
    })
    .where('id', '=', row.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await moveSubordinateHosts(ctx, row.name, toAccountId);
  // An auction still open for the domain ends: it left its seller (closed by transfer away).
  await endDomainAuctions(ctx, row.id, 'transfer');
  if (!options.accountDefaults) return moved;
  await sql`savepoint account_defaults`.execute(ctx.db);
  try {
    const done = await applyAccountDefaults(ctx, moved, registrationTemplateKeys(options.nameServers !== undefined ? { nameServers: options.nameServers } : {}));
    await sql`release savepoint account_defaults`.execute(ctx.db);
    return done;
  } catch (e) {
    if (!isRegdError(e)) throw e;
    await sql`rollback to savepoint account_defaults`.execute(ctx.db);
    return moved;
  }
}
