import { InjectQueue } from '@nestjs/bull';
import { Inject, Injectable } from '@nestjs/common';
import type { Queue } from 'bull';
import type { Redis } from 'ioredis';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import {
  type AgentPresenceJobData,
  type Availability,
  QueueNames,
  agentPresenceKeys,
} from '@cxgenie/contracts';
import { withTraceId } from '@cxgenie/observability';
import { REDIS_CLIENT } from '@cxgenie/redis';

export interface AgentIdentity {
  workspaceId: string;
  userId: string;
}

// Presence facts outlive a gateway restart, not an agent's absence.
const FACTS_TTL_SECONDS = 7 * 24 * 3600;

/**
 * Records what this gateway instance sees of an agent (sockets, chosen status, activity) in Redis,
 * with the cause of the change (so whichever recomputation sees it first, the job or the sweep,
 * logs the right source), and asks the ticket app to recompute the agent's availability. The
 * ticket app owns the result: it is the one place that decides, stores, logs and announces
 * availability.
 */
@Injectable()
export class AgentPresenceTracker {
  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    @InjectQueue(QueueNames.AgentPresence) private readonly queue: Queue<AgentPresenceJobData>,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  async connected(agent: AgentIdentity, socketId: string): Promise<void> {
    const keys = this.keys(agent);
    const now = Date.now();
    await this.redis
      .multi()
      .zadd(keys.sockets, now, socketId)
      .hset(keys.state, 'activityAt', now, 'cause', 'socket')
      .sadd(keys.tracked, `${agent.workspaceId}:${agent.userId}`)
      .expire(keys.sockets, FACTS_TTL_SECONDS)
      .expire(keys.state, FACTS_TTL_SECONDS)
      .exec();
    await this.signal(agent, 'socket');
  }

  async disconnected(agent: AgentIdentity, socketId: string): Promise<void> {
    const keys = this.keys(agent);
    await this.redis
      .multi()
      .zrem(keys.sockets, socketId)
      .hset(keys.state, 'cause', 'socket')
      .exec();
    await this.signal(agent, 'socket');
  }

  /** The agent chose a status; choosing online also counts as activity. */
  async chooseStatus(agent: AgentIdentity, status: Availability): Promise<void> {
    const keys = this.keys(agent);
    const pipeline = this.redis.multi().hset(keys.state, 'status', status, 'cause', 'status');
    if (status === 'online') pipeline.hset(keys.state, 'activityAt', Date.now());
    await pipeline.expire(keys.state, FACTS_TTL_SECONDS).exec();
    await this.signal(agent, 'status');
  }

  /**
   * The agent did something. Only an agent the ticket app made idle for inactivity needs a
   * recomputation, so a stream of activity pings costs one Redis round trip each, no job.
   */
  async active(agent: AgentIdentity, socketId: string): Promise<void> {
    const keys = this.keys(agent);
    const now = Date.now();
    const replies = await this.redis
      .multi()
      .hset(keys.state, 'activityAt', now)
      .zadd(keys.sockets, 'XX', now, socketId)
      .hmget(keys.state, 'status', 'effective')
      .exec();
    const [status, effective] = (replies?.[2]?.[1] ?? []) as (string | null)[];
    if (effective === 'idle' && (status ?? 'online') === 'online') {
      await this.redis.hset(keys.state, 'cause', 'activity');
      await this.signal(agent, 'activity');
    }
  }

  /** Vouches for this instance's live sockets, so the sweep does not take them for dead ones. */
  async refresh(sockets: { agent: AgentIdentity; socketId: string }[]): Promise<void> {
    if (sockets.length === 0) return;
    const now = Date.now();
    const pipeline = this.redis.multi();
    for (const { agent, socketId } of sockets)
      pipeline.zadd(this.keys(agent).sockets, 'XX', now, socketId);
    await pipeline.exec();
  }

  private keys(agent: AgentIdentity) {
    return agentPresenceKeys(this.config.queuePrefix, agent.workspaceId, agent.userId);
  }

  private async signal(
    agent: AgentIdentity,
    source: AgentPresenceJobData['source'],
  ): Promise<void> {
    await this.queue.add(withTraceId({ ...agent, source }));
  }
}
