export type { Config, LogLevel, WedosConfig, FreenomConfig, LoginsConfig, FailedLoginBlock } from './config.ts';
export { LOG_LEVELS } from './config.ts';
export { ConfigError } from './config-error.ts';
export { loadConfig, type LoadConfigInput } from './load-config.ts';
export { CONFIG_OPTIONS, CONFIG_FILE_ENV, CONFIG_FILE_FLAG, type ConfigOption, type ConfigKey } from './options.ts';
export { ensureOperatorToken, readOperatorToken } from './operator-token.ts';
