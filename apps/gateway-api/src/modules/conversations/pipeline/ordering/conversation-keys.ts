import { lockSlotKey } from '@cxgenie/redis';

/**
 * The per-conversation mutex of the pipeline (see RedisLocks). An agent taking the conversation
 * over preempts it, which stops the bot's answer in flight.
 */
export const conversationLockKey = (conversationId: string): string =>
  `lock:conversation:${conversationId}`;

// What scripts read together with the lock shares its Redis Cluster hash slot (lockSlotKey).

/** How far the conversation's messages are handled (ConversationProgress). */
export const conversationProgressKey = (conversationId: string): string =>
  lockSlotKey(conversationLockKey(conversationId), 'progress');

/** The chunks of the answer in flight (StreamedChunks). */
export const streamedChunksKey = (conversationId: string): string =>
  lockSlotKey(conversationLockKey(conversationId), 'chunks');
