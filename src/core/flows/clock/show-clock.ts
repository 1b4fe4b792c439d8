/** The engine's current instant and how far it runs ahead of real time. */
import type { FlowContext } from '../../context.ts';
import { requireOperator } from '../../actors.ts';
import { readClockOffset, type ClockView, type RunMode } from './clock-settings.ts';
import type { ErrorCode } from '../../errors/index.ts';

export const throws = ['NOT_AUTHORIZED_OPERATION'] as const satisfies readonly ErrorCode[];

export async function showClock(ctx: FlowContext, input: { mode: RunMode }): Promise<ClockView> {
  requireOperator(ctx);
  return { now: ctx.now, offsetMs: await readClockOffset(ctx.db), movable: input.mode === 'sandbox' };
}
