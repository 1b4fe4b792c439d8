/**
 * A test notification the acting account asks for (WEDOS ping-async): one
 * row in its own poll queue, written in the caller's transaction, carrying
 * the payload the dialect gives (what its poll answer shows).
 */
import type { FlowContext } from '../../context.ts';
import { actingAccountId } from '../../actors.ts';
import type { ErrorCode } from '../../errors/index.ts';
import { notify } from './notify.ts';

export const throws = ['NOT_AUTHORIZED_OPERATION'] as const satisfies readonly ErrorCode[];

export interface QueueTestNotificationInput {
  readonly message: string;
  readonly payload: Readonly<Record<string, unknown>>;
}

export async function queueTestNotification(ctx: FlowContext, input: QueueTestNotificationInput): Promise<void> {
  await notify(ctx, { accountId: actingAccountId(ctx), kind: 'ping.async', message: input.message, payload: input.payload });
}
