/**
 * domain-transfer-check: could the account transfer the name in now? 1000
 * when it could (the AUTH-ID is not checked here); otherwise 3218 with the
 * reason (not registered, already yours, locked, not active, too soon
 * after registration or a transfer, a transfer or push in progress).
 * 2202 / 2201 for an invalid name or a TLD regd does not offer. 3217 (no
 * registry connection) never happens: regd is the registry. No data.
 */
import { quoteTransfer } from '../../../../core/index.ts';
import { defineCommand } from '../../command.ts';
import { domainName } from './params.ts';
import { checkRefusal } from './transfer-obstacles.ts';

export const domainTransferCheck = defineCommand<{ readonly name: string }>({
  name: 'domain-transfer-check',
  uses: [quoteTransfer],
  transaction: 'flow',
  limited: true,
  parse(data) {
    return { name: domainName(data) };
  },
  async run(call, input) {
    const q = await call.run(quoteTransfer, { name: input.name });
    if (!q.possible) throw checkRefusal(q.reason);
    return { code: 1000 };
  },
});
