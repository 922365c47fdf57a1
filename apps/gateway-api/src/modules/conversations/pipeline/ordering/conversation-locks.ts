import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import { LockKeeper, RedisLocks } from '@cxgenie/redis';
import { conversationLockKey, conversationProgressKey } from './conversation-keys';

/** The one lock a worker holds while it answers a conversation, kept alive while it works. */
@Injectable()
export class ConversationLocks {
  constructor(
    private readonly locks: RedisLocks,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  /**
   * The started keeper of the conversation's lock, or null when another worker holds it: that
   * worker then hears, when it lets go, that somebody came (LockKeeper.releaseHearing).
   */
  async hold(conversationId: string): Promise<LockKeeper | null> {
    const ttlMs = this.config.conversationLockTtlMs;
    const lock = await this.locks.acquireOrKnock(conversationLockKey(conversationId), ttlMs);
    return lock ? new LockKeeper(this.locks, lock, ttlMs).start() : null;
  }

  /**
   * hold(), unless the progress hint says message `seq` is handled already ('handled': no lock
   * taken, no knock left): a job's first look, the hint and the lock read in one round trip.
   */
  async holdUnlessHandled(
    conversationId: string,
    seq: number,
  ): Promise<LockKeeper | 'handled' | null> {
    const ttlMs = this.config.conversationLockTtlMs;
    const lock = await this.locks.acquireOrKnockUnlessDone(
      conversationLockKey(conversationId),
      ttlMs,
      conversationProgressKey(conversationId),
      seq,
    );
    if (lock === 'done') return 'handled';
    return lock ? new LockKeeper(this.locks, lock, ttlMs).start() : null;
  }
}
