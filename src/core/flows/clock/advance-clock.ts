/**
 * Sandbox: move the clock forward by a duration ("45d", "12h", "1d12h").
 * The offset grows by exactly the duration, whatever other processes did to it.
 * Not past LATEST_CLOCK (CLOCK_OUT_OF_RANGE; nothing is stored).
 */
import type { FlowContext } from '../../context.ts';
import { requireOperator } from '../../actors.ts';
import { DurationTooLong, LATEST_CLOCK, parseDuration } from '../../clock.ts';
import { ClockNotMovable, ClockOutOfRange, InvalidValue, MissingParameter, type ErrorCode } from '../../errors/index.ts';
import { addToClockOffset, type ClockMoveResult, type RunMode } from './clock-settings.ts';

export const throws = ['NOT_AUTHORIZED_OPERATION', 'CLOCK_NOT_MOVABLE', 'MISSING_PARAMETER', 'INVALID_VALUE', 'CLOCK_OUT_OF_RANGE'] as const satisfies readonly ErrorCode[];

export interface AdvanceClockInput {
  readonly mode: RunMode;
  readonly duration: string;
}

export async function advanceClock(ctx: FlowContext, input: AdvanceClockInput): Promise<ClockMoveResult> {
  requireOperator(ctx);
  verifyMovable(input.mode);
  const ms = durationMs(input.duration);
  const offsetMs = await addToClockOffset(ctx, ms, 'duration');
  return { previous: ctx.now, now: new Date(ctx.now.getTime() + ms), offsetMs, movable: true };
}

export function verifyMovable(mode: RunMode): void {
  if (mode !== 'sandbox') throw new ClockNotMovable();
}

function durationMs(input: unknown): number {
  if (input === undefined || input === null || input === '') throw new MissingParameter('duration');
  if (typeof input !== 'string') throw new InvalidValue('duration', 'a duration such as 45d, 12h or 1d12h is required', input);
  let ms: number;
  try {
    ms = parseDuration(input);
  } catch (e) {
    if (e instanceof DurationTooLong) throw new ClockOutOfRange('duration', LATEST_CLOCK.toISOString());
    throw new InvalidValue('duration', 'a duration such as 45d, 12h or 1d12h is required', input);
  }
  if (ms <= 0) throw new InvalidValue('duration', 'a positive duration is required', input);
  return ms;
}
