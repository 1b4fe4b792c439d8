/**
 * The sandbox clock. After a move the process's clock is refreshed from the
 * store at once, which also announces the move to `onClockMoved` listeners
 * (in a server: the lifecycle sweeper), before the command returns.
 */
import { OPERATOR } from '../core/context.ts';
import { advanceClock, setClock, showClock, type ClockMoveResult, type ClockView } from '../core/flows/clock/index.ts';
import type { Services } from '../runtime/services.ts';
import { defineCommand, toJson, type Jsonify, type Options } from './command.ts';
import { fields, formatDuration } from './format.ts';
import { OPERATOR_SOURCE, requiredText } from './options.ts';

const AS_OPERATOR = { actor: OPERATOR, source: OPERATOR_SOURCE } as const;

export const clockShow = defineCommand({
  name: 'clock show',
  async run(services: Services) {
    await services.clockSync.refresh();
    return toJson(await services.engine.run(showClock, { mode: services.config.mode }, AS_OPERATOR));
  },
  render(c: Jsonify<ClockView>) {
    return fields([
      ['Now', c.now],
      ['Offset', c.offsetMs === 0 ? 'none (real time)' : `${formatDuration(c.offsetMs)} ahead of real time`],
      ['Movable', c.movable ? 'yes (sandbox)' : 'no (production)'],
    ]);
  },
});

export const clockAdvance = defineCommand({
  name: 'clock advance',
  async run(services: Services, o: Options) {
    await services.clockSync.refresh();
    const r = await services.engine.run(advanceClock, { mode: services.config.mode, duration: requiredText(o, 'duration') }, AS_OPERATOR);
    await services.clockSync.refresh();
    return toJson(r);
  },
  render: renderMove,
});

export const clockSet = defineCommand({
  name: 'clock set',
  async run(services: Services, o: Options) {
    await services.clockSync.refresh();
    const r = await services.engine.run(setClock, { mode: services.config.mode, at: requiredText(o, 'at') }, AS_OPERATOR);
    await services.clockSync.refresh();
    return toJson(r);
  },
  render: renderMove,
});

function renderMove(m: Jsonify<ClockMoveResult>): string {
  return `Clock moved from ${m.previous} to ${m.now} (${formatDuration(m.offsetMs)} ahead of real time).`;
}
