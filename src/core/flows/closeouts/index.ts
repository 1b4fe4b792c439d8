// Expired closeouts: names whose expired auction ended unsold, at a price that decays on the engine clock.
export { CLOSEOUT_START_FACTOR, CLOSEOUT_DECAY_DAYS, CLOSEOUT_DURATION_MS, closeoutPriceAt, type CloseoutPrice } from './closeout-schedule.ts';
export type { CloseoutView } from './closeout-view.ts';
export { enterCloseout, type EnterCloseoutInput } from './enter-closeout.ts';
export { listCloseouts, type ListCloseoutsInput } from './list-closeouts.ts';
export { buyCloseout, type BuyCloseoutInput, type BuyCloseoutResult } from './buy-closeout.ts';
