/** The mail outbox, newest first: what regd sent or will send (auth codes, expiry reminders, transfer notices) and how each delivery went. */
import { OPERATOR } from '../core/context.ts';
import { InvalidValue } from '../core/errors/index.ts';
import { listOutbox } from '../core/flows/mail/index.ts';
import type { OutboxItem } from '../core/outbox.ts';
import type { OutboxStatus } from '../store/index.ts';
import type { Services } from '../runtime/services.ts';
import { defineCommand, toJson, type Jsonify, type Options } from './command.ts';
import { table } from './format.ts';
import { OPERATOR_SOURCE, optionalAccountId, optionalText } from './options.ts';

export const outboxList = defineCommand({
  name: 'outbox list',
  async run(services: Services, o: Options) {
    const accountId = await optionalAccountId(services, o);
    const status = optionalText(o, 'status');
    const limitText = optionalText(o, 'limit');
    const limit = limitText === undefined ? undefined : Number(limitText);
    if (limitText !== undefined && !/^\d+$/.test(limitText)) throw new InvalidValue('limit', 'an integer from 1 to 1000 is required', limitText);
    const { items } = await services.engine.run(
      listOutbox,
      { ...(accountId !== undefined ? { accountId } : {}), ...(status !== undefined ? { status: status as OutboxStatus } : {}), ...(limit !== undefined ? { limit } : {}) },
      { actor: OPERATOR, source: OPERATOR_SOURCE },
    );
    return toJson(items);
  },
  render(items: Jsonify<OutboxItem>[]) {
    return table(
      ['ID', 'CREATED', 'KIND', 'TO', 'SUBJECT', 'STATUS', 'ATTEMPTS', 'DELIVERED / NEXT', 'LAST ERROR'],
      items.map((m) => [
        String(m.id), m.createdAt, m.kind, m.to, m.subject, m.status, String(m.attempts),
        m.deliveredAt ?? m.nextAttemptAt ?? '', m.lastError ?? '',
      ]),
    );
  },
});
