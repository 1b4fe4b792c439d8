/**
 * poll-req: the oldest unacknowledged notification, left in the queue
 * until poll-ack. 1000 with data {notify: {…}} (see notify-data.ts), or
 * 1003 "Empty notifications queue" without data, as WEDOS answers. Takes
 * no parameters (any `data` is ignored).
 */
import { pollNotification } from '../../../../core/index.ts';
import { defineCommand } from '../../command.ts';
import { notifyData } from './notify-data.ts';

export const pollReq = defineCommand<null>({
  name: 'poll-req',
  uses: [pollNotification],
  transaction: 'flow',
  parse: () => null,
  async run(call) {
    const { notification } = await call.run(pollNotification, {});
    if (notification === null) return { code: 1003 };
    return { code: 1000, data: { notify: notifyData(notification) } };
  },
});
