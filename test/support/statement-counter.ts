/**
 * Counting what a flow asks of the database: statements (a Kysely plugin;
 * BEGIN and COMMIT come from the driver and are not seen) and transactions
 * opened (each one a BEGIN and a COMMIT round trip).
 */
import type { Kysely, KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';

export class StatementCounter implements KyselyPlugin {
  count = 0;
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.count++;
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

/** The Kysely instance, counting the calls of its transaction(); `onOpen` runs at each. */
export function countingTransactions<DB>(db: Kysely<DB>, onOpen: () => void): Kysely<DB> {
  return new Proxy(db, {
    get(target, prop) {
      if (prop === 'transaction') onOpen();
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
