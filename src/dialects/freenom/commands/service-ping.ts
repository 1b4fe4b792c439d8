/** GET service/ping: no parameters, no credentials; the server's current time. */
import { defineCommand } from './command.ts';
import { wireTimestamp } from '../render.ts';

export const servicePing = defineCommand<void>({
  path: 'service/ping',
  method: 'GET',
  auth: 'none',
  // The table is empty; credentials are tolerated (and ignored): public clients send them on every call, ping included.
  params: { names: ['email', 'password'] },
  uses: [],
  transaction: 'flow',
  parse() {},
  // The documented example's order: timestamp, result, status.
  async run(call, _input, env) {
    return { timestamp: wireTimestamp(env.now), result: 'PING REPLY', status: 'OK' };
  },
});
