/** The sweeper's half of pushes: close every push whose answer time has run out. */
import type { FlowContext } from '../../context.ts';
import { requireOperator } from '../../actors.ts';
import { closeExpiredPushes } from './push-expiry.ts';
import type { ErrorCode } from '../../errors/index.ts';

export const throws = ['NOT_AUTHORIZED_OPERATION'] as const satisfies readonly ErrorCode[];

export async function expirePushes(ctx: FlowContext, _input: Record<string, never> = {}): Promise<{ expired: number }> {
  requireOperator(ctx);
  return { expired: await closeExpiredPushes(ctx) };
}
