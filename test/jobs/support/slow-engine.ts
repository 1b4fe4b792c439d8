/** An engine whose every flow call pauses after it commits: a sweep over many items then takes long enough to interrupt. */
import type { Engine } from '../../../src/core/engine.ts';
import type { Flow } from '../../../src/core/context.ts';
import type { RunOptions } from '../../../src/core/run-flow.ts';

export function slowEngine(engine: Engine, delayMs: number): Engine {
  return {
    ...engine,
    async run<I, O>(flow: Flow<I, O>, input: I, options: RunOptions): Promise<O> {
      const result = await engine.run(flow, input, options);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      return result;
    },
  };
}
