import { Injectable } from '@nestjs/common';
import type { TenantScope } from '@cxgenie/database';
import { LockKeeper, RedisLocks } from '@cxgenie/redis';
import { MessageDeliveriesStore, type PendingDelivery } from './message-deliveries.store';

/** What sending one message came to: handled (sent or failed for good), or wait for a retry. */
export type SendOutcome = 'done' | 'wait';

export interface DeliveryLock {
  key: string;
  ttlMs: number;
}

/**
 * Strict sequence order for a conversation's outbound messages on any channel that delivers them
 * itself (the platforms, email): whoever holds the conversation's lock sends every queued message,
 * smallest seq first, so two workers never send out of order. Sending stops at the first message
 * that must wait, and the lock is kept alive while it sends.
 */
@Injectable()
export class OrderedDelivery {
  constructor(
    private readonly locks: RedisLocks,
    private readonly deliveries: MessageDeliveriesStore,
  ) {}

  /**
   * Sends until nothing is queued, a message must wait, or another worker has the lock. `before`
   * runs ahead of each round and ends the drain when it says so (a conversation on hold). Returns
   * how many messages were handled.
   */
  async drain(
    scope: TenantScope,
    conversationId: string,
    lock: DeliveryLock,
    send: (message: PendingDelivery) => Promise<SendOutcome>,
    before?: () => Promise<boolean>,
  ): Promise<number> {
    let finished = 0;
    for (;;) {
      if (before && (await before())) return finished;
      const held = await this.locks.acquire(lock.key, lock.ttlMs);
      if (!held) return finished;
      const keeper = new LockKeeper(this.locks, held, lock.ttlMs).start();
      let waiting = false;
      try {
        for (
          let next = await this.deliveries.nextPending(scope, conversationId);
          next && !keeper.lost;
          next = await this.deliveries.nextPending(scope, conversationId)
        ) {
          if ((await send(next)) === 'wait') {
            waiting = true;
            break;
          }
          finished += 1;
        }
      } finally {
        await keeper.release();
      }
      // A message queued while this worker was finishing must not be stranded: look once more.
      if (waiting || !(await this.deliveries.nextPending(scope, conversationId))) return finished;
    }
  }
}
