/**
 * Sandbox: move the clock to an instant (ISO 8601 with a time zone). Only
 * forward: stored timestamps never end up in the future of the clock.
 */
import type { FlowContext } from '../../context.ts';
import { requireOperator } from '../../actors.ts';
import { ClockCannotGoBack, InvalidValue, MissingParameter, type ErrorCode } from '../../errors/index.ts';
import { addToClockOffset, type ClockMoveResult, type RunMode } from './clock-settings.ts';
import { verifyMovable } from './advance-clock.ts';

export const throws = ['NOT_AUTHORIZED_OPERATION', 'CLOCK_NOT_MOVABLE', 'CLOCK_CANNOT_GO_BACK', 'MISSING_PARAMETER', 'INVALID_VALUE'] as const satisfies readonly ErrorCode[];

export interface SetClockInput {
  readonly mode: RunMode;
  readonly at: string;
}

/** ISO 8601 date-time with an explicit zone ("Z" or ±hh:mm); a bare date means midnight UTC. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;

export async function setClock(ctx: FlowContext, input: SetClockInput): Promise<ClockMoveResult> {
  requireOperator(ctx);
  verifyMovable(input.mode);
  const target = instant(input.at);
  if (target.getTime() < ctx.now.getTime()) throw new ClockCannotGoBack();
  const offsetMs = await addToClockOffset(ctx, target.getTime() - ctx.now.getTime());
  return { previous: ctx.now, now: target, offsetMs, movable: true };
}

function instant(input: unknown): Date {
  if (input === undefined || input === null || input === '') throw new MissingParameter('at');
  const reason = 'an ISO 8601 instant such as 2027-03-01T12:00:00Z is required';
  if (typeof input !== 'string' || !ISO_INSTANT.test(input.trim())) throw new InvalidValue('at', reason, input);
  const d = new Date(input.trim());
  if (Number.isNaN(d.getTime())) throw new InvalidValue('at', reason, input);
  return d;
}
