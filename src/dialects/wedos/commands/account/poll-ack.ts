/**
 * poll-ack: data.id (the notify id of poll-req; "ID" accepted too) leaves
 * the queue: 1002 "Notification aquired", no data. Missing id 2100; not a
 * positive whole number 2101; unknown, already acknowledged or another
 * account's 2151 "Notification does not exist".
 */
import { ackNotification, isRegdError } from '../../../../core/index.ts';
import { defineCommand, WapiError } from '../../command.ts';
import { resultText } from '../../codes.ts';
import { requiredText } from './params.ts';

export const pollAck = defineCommand<{ readonly id: number }>({
  name: 'poll-ack',
  uses: [ackNotification],
  transaction: 'flow',
  parse(data) {
    const raw = requiredText(data, ['id', 'ID']);
    if (!/^\d{1,15}$/.test(raw) || Number(raw) < 1) throw new WapiError(2101, `${resultText(2101)}: id`);
    return { id: Number(raw) };
  },
  async run(call, input) {
    try {
      await call.run(ackNotification, { id: input.id });
    } catch (e) {
      if (isRegdError(e) && e.code === 'NOTIFICATION_NOT_FOUND') throw new WapiError(2151);
      throw e;
    }
    return { code: 1002 };
  },
});
