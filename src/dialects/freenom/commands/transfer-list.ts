/**
 * GET domain/transfer/list: the caller's incoming and outgoing transfers,
 * pending ones always, decided ones for a week after their last update
 * (the engine's rule), newest first.
 */
import { listTransfers, type TransferItem } from '../../../core/index.ts';
import { ok, wireTimestamp } from '../render.ts';
import { defineCommand } from './command.ts';

/** The name the new registrar goes by in an outgoing transfer: both sides are accounts of this registrar. */
export const REGISTRAR_NAME = 'regd';

/** Only PENDING, APPROVED and DECLINED exist on the wire: a cancelled or failed transfer did not happen either. */
const STATUS: Readonly<Record<TransferItem['status'], string>> = {
  pending: 'PENDING',
  completed: 'APPROVED',
  declined: 'DECLINED',
  cancelled: 'DECLINED',
  failed: 'DECLINED',
};

export const transferList = defineCommand<void>({
  path: 'domain/transfer/list',
  method: 'GET',
  auth: 'required',
  params: { names: ['email', 'password'] },
  uses: [listTransfers],
  transaction: 'flow',
  parse() {},
  async run(call) {
    const { items } = await call.run(listTransfers, {});
    const transfer = items.map((t) => ({
      domainname: t.domain,
      transfertype: t.direction === 'incoming' ? 'INCOMING' : 'OUTGOING',
      status: STATUS[t.status],
      newregistrar: t.direction === 'outgoing' ? REGISTRAR_NAME : '',
      lastupdate: wireTimestamp(t.updatedAt),
    }));
    return ok({ transfer }, 'TRANSFERS LISTED');
  },
});
