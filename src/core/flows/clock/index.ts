// Sandbox clock flows. One file per use case.
export { RUN_MODES, CLOCK_OFFSET_KEY, readClockOffset, type RunMode, type ClockView, type ClockMoveResult } from './clock-settings.ts';
export { showClock } from './show-clock.ts';
export { advanceClock, type AdvanceClockInput } from './advance-clock.ts';
export { setClock, type SetClockInput } from './set-clock.ts';
