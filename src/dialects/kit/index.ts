/**
 * The dialect kit: what every API dialect is built from. One command
 * definition (command.ts), one ordered wire tree rendered to JSON or XML
 * (wire-tree.ts), one classifier of Fastify's transport errors
 * (transport-errors.ts), one error-table shape (error-table.ts) and the
 * completeness rule its tests apply (completeness.ts).
 */
export * from './command.ts';
export * from './wire-tree.ts';
export * from './transport-errors.ts';
export * from './error-table.ts';
export * from './completeness.ts';
