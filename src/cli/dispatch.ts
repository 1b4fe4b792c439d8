/** Runs one command: through a running server's operator API when there is one, else on the database directly. */
import type { Config } from '../config/index.ts';
import { DataDirInUse } from '../runtime/data-dir-lock.ts';
import { openServices } from '../runtime/services.ts';
import { COMMANDS, CommandError, executeCommand, type Options } from '../ops/index.ts';
import { findRunningServer, runRemote } from './client.ts';

export async function dispatch(config: Config, name: string, options: Options): Promise<unknown> {
  const server = await findRunningServer(config);
  if (server) return runRemote(config, server, name, options);
  let services;
  try {
    services = await openServices(config);
  } catch (e) {
    if (e instanceof DataDirInUse) throw new CommandError('DATA_DIR_IN_USE', e.message);
    throw e;
  }
  try {
    return await executeCommand(COMMANDS, services, name, options);
  } finally {
    await services.close();
  }
}
