/**
 * ping-async: answers 1001 (request pending) and puts a notification in
 * the account's poll queue, as an asynchronous command's result would be:
 * code 1000, command "ping-async", this request's clTRID and svTRID. regd
 * writes it in the same transaction, so it is waiting at once (WEDOS
 * delivers it shortly after); under `test` it is rolled back with the rest.
 */
import { queueTestNotification } from '../../../../core/index.ts';
import { defineCommand } from '../../command.ts';

export const pingAsync = defineCommand<null>({
  name: 'ping-async',
  uses: [queueTestNotification],
  transaction: 'flow',
  parse: () => null,
  async run(call, _input, env) {
    await call.run(queueTestNotification, {
      message: 'ping-async',
      payload: { command: 'ping-async', code: 1000, clTRID: env.clTRID ?? '', svTRID: env.svTRID ?? '' },
    });
    return { code: 1001 };
  },
});
