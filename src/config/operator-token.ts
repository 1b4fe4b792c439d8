/**
 * The operator token: configured explicitly, or generated on the first start
 * into <dataDir>/operator.token (mode 0600) and read from there afterwards.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Config } from './config.ts';
import { ConfigError } from './config-error.ts';

/** The token, creating the file when neither a configured token nor the file exists. */
export function ensureOperatorToken(config: Config): string {
  const existing = readOperatorToken(config);
  if (existing !== undefined) return existing;
  mkdirSync(dirname(config.operatorTokenFile), { recursive: true, mode: 0o700 });
  const token = randomBytes(32).toString('base64url');
  try {
    // 'wx': never overwrite a token another process wrote a moment ago.
    writeFileSync(config.operatorTokenFile, token + '\n', { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return readOperatorToken(config)!;
    throw e;
  }
  chmodSync(config.operatorTokenFile, 0o600);
  return token;
}

/** The configured token, else the one in the token file, else undefined. */
export function readOperatorToken(config: Config): string | undefined {
  if (config.operatorToken !== undefined) return config.operatorToken;
  let text: string;
  try {
    text = readFileSync(config.operatorTokenFile, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ConfigError(`cannot read the operator token file ${config.operatorTokenFile}: ${(e as Error).message}`);
  }
  const token = text.trim();
  if (token === '') throw new ConfigError(`the operator token file ${config.operatorTokenFile} is empty`);
  return token;
}
