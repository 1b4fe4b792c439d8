/**
 * Pushes (§11, §15.6, [L286-327], [L6357-6452]): domains handed to another
 * account, free of charge, on core's push flows.
 *
 *   push                     legacy  Status `order created`; `domain` a `;` list
 *   get_domain_push_request  new     GetDomainPushRequestContent>PushDomain*{PushDomainName};
 *                                    JSON one string "pushDomainName":"[a.com,b.com]"
 *   set_domain_push_request  new     envelope + empty SetDomainPushRequestContent (XML only)
 *
 * The receiver is named by its push username (the account setting every
 * dialect shares); it answers within the push's lifetime (core
 * PUSH_LIFETIME_MS), whichever dialect it uses.
 */
import { answerPush, createPush, listIncomingPushes, MAX_PUSH_DOMAINS, type PushAction } from '../../../core/index.ts';
import { DynadotError } from '../errors.ts';
import { defineCommand } from './command.ts';

export const push = defineCommand<{ readonly names: string[]; readonly receiver: string; readonly unlock: boolean }>({
  name: 'push',
  uses: [createPush],
  errors: {
    PUSH_RECEIVER_NOT_FOUND: { message: (e) => `could not find the receiver account ${String((e.details as Record<string, unknown>)['username'] ?? '')}` },
    INVALID_VALUE: { message: (e) => `invalid ${String((e.details as Record<string, unknown>)['param'] ?? '')}: ${String((e.details as Record<string, unknown>)['reason'] ?? '')}` },
  },
  parse(params) {
    const names = params.requiredList('domain', MAX_PUSH_DOMAINS, ';');
    const receiver = params.required('receiver_push_username');
    // Pushes cost nothing: the currency is checked as a code and otherwise unused.
    const currency = params.one('currency');
    if (currency !== undefined && currency !== '' && !/^[A-Za-z]{3}$/.test(currency)) throw DynadotError.invalid('currency', currency);
    return { names, receiver, unlock: params.flag('unlock_domain_for_push') };
  },
  async run(call, input) {
    await call.run(createPush, { names: input.names, receiverPushUsername: input.receiver, unlock: input.unlock });
    return { status: 'order created' };
  },
});

export const getDomainPushRequest = defineCommand<Record<string, never>>({
  name: 'get_domain_push_request',
  uses: [listIncomingPushes],
  parse: () => ({}),
  async run(call) {
    const { items } = await call.run(listIncomingPushes, {});
    const names = [...new Set(items.map((i) => i.name))];
    return {
      content: { PushDomain: names.map((n) => ({ PushDomainName: n })) },
      json: { pushDomainName: `[${names.join(',')}]` },
    };
  },
});

const ACTIONS: Readonly<Record<string, PushAction>> = { accept: 'accept', refuse: 'decline', decline: 'decline' };

export const setDomainPushRequest = defineCommand<{ readonly names: string[]; readonly action: PushAction }>({
  name: 'set_domain_push_request',
  uses: [answerPush],
  errors: {
    PUSH_NOT_FOUND: { message: (e) => `could not find a push request of ${String((e.details as Record<string, unknown>)['name'] ?? '')} for your account` },
  },
  parse(params) {
    const names = params.requiredList('domains', MAX_PUSH_DOMAINS);
    const raw = params.required('action');
    const action = ACTIONS[raw.toLowerCase()];
    if (action === undefined) throw DynadotError.invalid('action', raw);
    return { names, action };
  },
  async run(call, input) {
    await call.run(answerPush, { names: input.names, action: input.action });
    return { content: {}, json: {} };
  },
});
