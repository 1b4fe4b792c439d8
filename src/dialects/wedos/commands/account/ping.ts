/** ping: is WAPI there and are the credentials right? 1000, no data. */
import { defineCommand } from '../../command.ts';

export const ping = defineCommand<null>({
  name: 'ping',
  uses: [],
  transaction: 'flow',
  parse: () => null,
  run: async () => ({ code: 1000 }),
});
