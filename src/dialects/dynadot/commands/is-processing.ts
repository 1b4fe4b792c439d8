/**
 * is_processing (§3, [L5875-5917]): whether the account has a request in
 * progress. `yes`: do not send another yet. Root `Response`, no Status, in
 * every format; the CSV form is `ok,yes`. It takes no slot itself (router.ts),
 * so it answers while the other request runs.
 */
import { defineCommand } from './command.ts';

export const isProcessing = defineCommand<Record<string, never>>({
  name: 'is_processing',
  uses: [],
  parse: () => ({}),
  run(_call, _input, env) {
    const msg = env.inFlight > 0 ? 'yes' : 'no';
    return Promise.resolve({ status: null, header: { ResponseMsg: msg }, csv: [[msg]] });
  },
});
