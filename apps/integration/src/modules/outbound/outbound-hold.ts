import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import { REDIS_CLIENT } from '@cxgenie/redis';
import { IntegrationKeys } from '../../core-modules/locks/integration-keys';

export interface Hold {
  token: string;
  remainingMs: number;
}

/**
 * A conversation whose next message waits out a retry delay. Nothing of the conversation is sent
 * meanwhile, whichever worker picks up its jobs: a later message must not overtake the one
 * waiting, and the platform's Retry-After holds for all of them.
 */
@Injectable()
export class OutboundHold {
  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    private readonly keys: IntegrationKeys,
  ) {}

  async place(conversationId: string, ms: number): Promise<string> {
    const token = randomBytes(8).toString('hex');
    await this.redis.set(this.keys.outboundHold(conversationId), token, 'PX', Math.max(1, ms));
    return token;
  }

  async current(conversationId: string): Promise<Hold | null> {
    const key = this.keys.outboundHold(conversationId);
    const [[, token], [, remainingMs]] = ((await this.redis.multi().get(key).pttl(key).exec()) ?? [
      [null, null],
      [null, -2],
    ]) as [[unknown, string | null], [unknown, number]];
    return token && remainingMs > 0 ? { token, remainingMs } : null;
  }
}
