/**
 * The operator API under /_ops: the CLI's own command handlers behind a
 * bearer token, so the CLI can drive a running server (an embedded database
 * is open in one process only).
 *
 *   POST /_ops/run       {"command": ["account", "create"], "options": {...}}
 *                        → 200 {"result": ...} | 4xx {"error": {"code", "message"}}
 *   GET  /_ops/commands  → {"commands": ["account create", ...]}
 */
import type { FastifyError, FastifyPluginAsync } from 'fastify';
import { COMMANDS, describeError, executeCommand, type CommandFailure } from '../../ops/index.ts';
import { bearerAuth } from './auth.ts';

export interface OpsOptions {
  readonly operatorToken: string;
}

/** An import carries the whole database; other commands are small. */
const RUN_BODY_LIMIT = 512 * 1024 * 1024;

const runSchema = {
  body: {
    type: 'object',
    required: ['command'],
    additionalProperties: false,
    properties: {
      command: { type: 'array', minItems: 1, maxItems: 3, items: { type: 'string', minLength: 1, maxLength: 40 } },
      options: { type: 'object' },
    },
  },
} as const;

interface RunBody {
  readonly command: readonly string[];
  readonly options?: Record<string, unknown>;
}

const STATUS_BY_CATEGORY: Readonly<Record<string, number>> = {
  NotFound: 404,
  AlreadyExists: 409,
  NotAuthorized: 403,
  StatusProhibits: 409,
  PolicyViolation: 409,
  InsufficientFunds: 402,
};

export const opsPlugin: FastifyPluginAsync<OpsOptions> = async (app, { operatorToken }) => {
  app.addHook('onRequest', bearerAuth(operatorToken));

  app.setErrorHandler((err: FastifyError, request, reply) => {
    const failure = describeError(err);
    if (failure) return reply.code(statusOf(failure)).send({ error: failure });
    if (err.validation || (err.statusCode !== undefined && err.statusCode < 500)) {
      return reply.code(err.statusCode ?? 400).send({ error: { code: 'INVALID_REQUEST', message: err.message } });
    }
    request.log.error({ err }, 'operator command failed');
    return reply.code(500).send({ error: { code: 'INTERNAL', message: 'internal error (see the server log)' } });
  });

  app.setNotFoundHandler((_request, reply) => reply.code(404).send({ error: { code: 'NOT_FOUND', message: 'not found' } }));

  app.post<{ Body: RunBody }>('/run', { schema: runSchema, bodyLimit: RUN_BODY_LIMIT }, async (request) => {
    const name = request.body.command.join(' ');
    request.log.info({ command: name }, 'operator command');
    return { result: await executeCommand(COMMANDS, app.regd, name, request.body.options ?? {}) };
  });

  app.get('/commands', async () => ({ commands: [...COMMANDS.keys()] }));
};

function statusOf(f: CommandFailure): number {
  if (f.code === 'UNKNOWN_COMMAND') return 404;
  if (f.category !== undefined) return STATUS_BY_CATEGORY[f.category] ?? 400;
  return f.code === 'DATABASE_NOT_EMPTY' ? 409 : 400;
}
