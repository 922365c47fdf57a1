import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import { REDIS_CLIENT } from '@cxgenie/redis';

/** A workspace idle this long starts again from the queue's current virtual time anyway. */
const FINISH_TAG_TTL_MS = 60 * 60_000;

// Start-time fair queueing: a job's start tag is the later of the queue's virtual time and its
// workspace's previous tag plus one. Tags grow with a workspace's own backlog, not with the queue.
const NEXT_TAG = `
local v = tonumber(redis.call('GET', KEYS[1]) or '0')
local tags = {}
local finish = {}
for i = 2, #KEYS do
  local f = finish[KEYS[i]] or tonumber(redis.call('GET', KEYS[i]) or '0')
  local s = math.max(v, f)
  finish[KEYS[i]] = s + 1
  tags[i - 1] = s
end
for k, f in pairs(finish) do redis.call('SET', k, f, 'PX', ARGV[1]) end
return tags`;

// The virtual time is the start tag of the latest job taken into service (never moves back).
const ADVANCE = `
local v = tonumber(redis.call('GET', KEYS[1]) or '0')
if tonumber(ARGV[1]) > v then redis.call('SET', KEYS[1], ARGV[1]) end
return 0`;

/**
 * Per-workspace fair order for `conversation.inbound` (start-time fair queueing over Bull's job
 * priority). Each job's priority is its workspace's next start tag: a workspace with nothing
 * waiting gets the queue's current virtual time, so its message goes ahead of a busy workspace's
 * backlog, while one workspace's own jobs keep their order. When demand exceeds the workers, the
 * heaviest workspace waits longest, not everybody. Order within a conversation never depends on
 * the queue: a worker drains the conversation's messages by sequence number.
 */
/** The scripts, defined once per client: sent by SHA (EVALSHA), not as text on every call. */
interface FairnessCommands {
  inboundFairNextTags(numberOfKeys: number, ...keysThenTtl: (string | number)[]): Promise<number[]>;
  inboundFairAdvance(virtualTime: string, tag: number): Promise<number>;
}

@Injectable()
export class InboundFairness {
  private readonly virtualTime: string;
  private readonly prefix: string;
  private readonly commands: FairnessCommands;

  constructor(
    @Inject(REDIS_CLIENT) redis: Redis,
    @Inject(SERVICE_CONFIG) config: Pick<ServiceConfig, 'queuePrefix'>,
  ) {
    // One hash slot, so the script's keys may live on one Redis Cluster node.
    this.prefix = `${config.queuePrefix}:{inbound-fair}`;
    this.virtualTime = `${this.prefix}:v`;
    redis.defineCommand('inboundFairNextTags', { lua: NEXT_TAG });
    redis.defineCommand('inboundFairAdvance', { numberOfKeys: 1, lua: ADVANCE });
    this.commands = redis as unknown as FairnessCommands;
  }

  /** Bull priorities (1 = first) for jobs of these workspaces, in the order they are added. */
  async priorities(workspaceIds: readonly string[]): Promise<number[]> {
    if (workspaceIds.length === 0) return [];
    const keys = workspaceIds.map((id) => `${this.prefix}:f:${id}`);
    const tags = await this.commands.inboundFairNextTags(
      keys.length + 1,
      this.virtualTime,
      ...keys,
      FINISH_TAG_TTL_MS,
    );
    return tags.map((tag) => tag + 1);
  }

  async priority(workspaceId: string): Promise<number> {
    const [priority] = await this.priorities([workspaceId]);
    return priority;
  }

  /**
   * A worker took a job into service. Best effort: a lost update only delays the virtual time,
   * which the next job's start corrects.
   */
  started(priority: number | undefined): void {
    if (!priority || priority < 1) return;
    void this.commands.inboundFairAdvance(this.virtualTime, priority - 1).catch(() => 0);
  }
}
