// Pushes: domains handed from one account to another, free of charge. One file per use case.
export { createPush, PUSH_LIFETIME_MS, type CreatePushInput, type CreatePushResult } from './create-push.ts';
export { listIncomingPushes, type IncomingPush } from './list-incoming-pushes.ts';
export { answerPush, type AnswerPushInput, type AnswerPushResult, type PushAction } from './answer-push.ts';
export { expirePushes } from './expire-pushes.ts';
export { MAX_PUSH_DOMAINS } from './push-input.ts';
