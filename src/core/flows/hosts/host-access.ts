/**
 * Loading and writing host rows. A host that is missing or belongs to
 * another account is HostNotFound, never visible.
 */
import type { FlowContext } from '../../context.ts';
import { ConflictingParameters, HostAlreadyExists, HostNotFound, InvalidValue, MissingParameter } from '../../errors/index.ts';
import { parseHostName } from '../../names.ts';
import { requireString } from '../../validate.ts';
import type { HostRow } from '../../../store/index.ts';

/** Longest accepted spelling of a host name (Unicode input may be longer than its A-label form). */
const MAX_HOST_INPUT = 1024;

/** A host name from a request, in A-label form. */
export function hostNameOf(input: unknown, param = 'host'): string {
  return parseHostName(requireString(input, param, { max: MAX_HOST_INPUT }), param);
}

/** A public host number (Dynadot ServerId): a positive safe integer. */
export function verifyHostNumber(input: unknown, param = 'host_id'): number {
  if (input === undefined || input === null) throw new MissingParameter(param);
  if (typeof input !== 'number' || !Number.isSafeInteger(input) || input < 1) {
    throw new InvalidValue(param, 'a name server id (positive integer) is required', input);
  }
  return input;
}

/** This account's host by public number or by name (exactly one of them), locked for update. */
export async function loadOwnedHost(ctx: FlowContext, accountId: number, ref: { hostId?: number; name?: string }): Promise<HostRow> {
  if (ref.hostId !== undefined && ref.name !== undefined) throw new ConflictingParameters('host_id', 'host');
  if (ref.hostId === undefined && ref.name === undefined) throw new MissingParameter('host');
  let q = ctx.db.selectFrom('hosts').selectAll().where('account_id', '=', accountId);
  let shown: string | number;
  if (ref.hostId !== undefined) {
    shown = verifyHostNumber(ref.hostId);
    q = q.where('number', '=', shown);
  } else {
    shown = hostNameOf(ref.name);
    q = q.where('name', '=', shown);
  }
  const row = await q.forUpdate().executeTakeFirst();
  if (!row) throw new HostNotFound(shown, ref.hostId !== undefined ? 'host_id' : 'host');
  return row;
}

/** The row of a host name, whichever account holds it, locked for update. */
export async function loadHostByName(ctx: FlowContext, name: string): Promise<HostRow | undefined> {
  return ctx.db.selectFrom('hosts').selectAll().where('name', '=', name).forUpdate().executeTakeFirst();
}

/** Inserts a host; a name already taken (by any account) is HostAlreadyExists, here or on the unique index. */
export async function insertHost(ctx: FlowContext, accountId: number, name: string, addresses: readonly string[]): Promise<HostRow> {
  if (await loadHostByName(ctx, name)) throw new HostAlreadyExists(name);
  return ctx.db
    .insertInto('hosts')
    .values({ account_id: accountId, name, addresses: JSON.stringify(addresses), created_at: ctx.now })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateHostAddresses(ctx: FlowContext, row: HostRow, addresses: readonly string[]): Promise<HostRow> {
  return ctx.db
    .updateTable('hosts')
    .set({ addresses: JSON.stringify(addresses) })
    .where('id', '=', row.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}
