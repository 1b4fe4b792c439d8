// Sandbox clock flows. One file per use case.
export {
  RUN_MODES, CLOCK_OFFSET_KEY, MAX_CLOCK_OFFSET_MS, readClockOffset, readStoredClockOffset, repairClockOffset,
  type RunMode, type ClockView, type ClockMoveResult, type ClockRepair, type StoredClockOffset,
} from './clock-settings.ts';
export { showClock } from './show-clock.ts';
export { advanceClock, type AdvanceClockInput } from './advance-clock.ts';
export { setClock, type SetClockInput } from './set-clock.ts';
