/**
 * The registry of API dialects. buildApp registers each plugin under its
 * prefix (`app.register(plugin, { prefix })`); inside its scope a dialect
 * owns its whole wire surface (parsers, auth, errors, 404s). The first start
 * prints each dialect's `usage(demo)` lines. Each dialect issue adds its
 * line here; `dialectsFor(config)` hands each its configuration.
 */
import type { Config } from '../config/index.ts';
import { kifdom } from './kifdom/index.ts';
import { freenomDialects } from './freenom/index.ts';
import { wedosDialect } from './wedos/index.ts';
import { dynadotDialect } from './dynadot/index.ts';
import type { DialectRegistration } from './registration.ts';

export type { DemoUsage, DialectRegistration } from './registration.ts';

/** Every dialect, configured; without a configuration, with the defaults. */
export function dialectsFor(config?: Pick<Config, 'dialects'>): readonly DialectRegistration[] {
  const freenom = config?.dialects.freenom;
  return [
    kifdom,
    ...freenomDialects(freenom ? { dotcfPrefix: freenom.dotcfPrefix, dotcfHosts: freenom.dotcfHosts } : {}),
    wedosDialect(config?.dialects.wedos),
    dynadotDialect,
  ];
}

/** The dialects with their default configuration. */
export const DIALECTS: readonly DialectRegistration[] = dialectsFor();
