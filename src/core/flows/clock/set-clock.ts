/**
 * Sandbox: move the clock to an instant (ISO 8601 with a time zone). Only
 * forward: stored timestamps never end up in the future of the clock. Not
 * past LATEST_CLOCK (CLOCK_OUT_OF_RANGE; nothing is stored).
 */
import type { FlowContext } from '../../context.ts';
import { requireOperator } from '../../actors.ts';
import { ClockCannotGoBack, ClockOutOfRange, InvalidValue, MissingParameter, type ErrorCode } from '../../errors/index.ts';
import { LATEST_CLOCK } from '../../clock.ts';
import { addToClockOffset, type ClockMoveResult, type RunMode } from './clock-settings.ts';
import { verifyMovable } from './advance-clock.ts';

export const throws = ['NOT_AUTHORIZED_OPERATION', 'CLOCK_NOT_MOVABLE', 'CLOCK_CANNOT_GO_BACK', 'MISSING_PARAMETER', 'INVALID_VALUE', 'CLOCK_OUT_OF_RANGE'] as const satisfies readonly ErrorCode[];

export interface SetClockInput {
  readonly mode: RunMode;
  readonly at: string;
}

/** ISO 8601 date-time with an explicit zone ("Z" or ±hh:mm); a bare date means midnight UTC. */
const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2})))?$/;

export async function setClock(ctx: FlowContext, input: SetClockInput): Promise<ClockMoveResult> {
  requireOperator(ctx);
  verifyMovable(input.mode);
  const target = instant(input.at);
  if (target.getTime() > LATEST_CLOCK.getTime()) throw new ClockOutOfRange('at', LATEST_CLOCK.toISOString());
  if (target.getTime() < ctx.now.getTime()) throw new ClockCannotGoBack();
  const offsetMs = await addToClockOffset(ctx, target.getTime() - ctx.now.getTime(), 'at');
  return { previous: ctx.now, now: target, offsetMs, movable: true };
}

function instant(input: unknown): Date {
  if (input === undefined || input === null || input === '') throw new MissingParameter('at');
  const reason = 'an ISO 8601 instant such as 2027-03-01T12:00:00Z is required';
  const m = typeof input === 'string' ? ISO_INSTANT.exec(input.trim()) : null;
  if (!m || !isCalendarInstant(m.slice(1).map((v) => (v === undefined ? 0 : Number(v))))) throw new InvalidValue('at', reason, input);
  const d = new Date(m[0]);
  if (Number.isNaN(d.getTime())) throw new InvalidValue('at', reason, input);
  return d;
}

/** A real date and time of day (Date itself rolls 2027-02-30 over to March 2 and 24:00 to the next day). */
function isCalendarInstant([year, month, day, hour, minute, second, zoneHour, zoneMinute]: number[]): boolean {
  const leap = year! % 4 === 0 && (year! % 100 !== 0 || year! % 400 === 0);
  const lastDay = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month! - 1];
  return lastDay !== undefined && day! >= 1 && day! <= lastDay && hour! <= 23 && minute! <= 59 && second! <= 59 && zoneHour! <= 23 && zoneMinute! <= 59;
}
