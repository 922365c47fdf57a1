import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import { REDIS_CLIENT } from '@cxgenie/redis';
import { LimitsException, LimitsExceptionCode } from './limits.exception';

const MINUTE_MS = 60_000;

// Counts one answer and keeps the day's counter until a minute past UTC midnight: one command per
// bot answer (the script sent by SHA), where MULTI/INCR/PEXPIRE/EXEC were four.
const SPEND_DAILY_ANSWER = `
local spent = redis.call('INCR', KEYS[1])
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return spent`;

interface BudgetCommands {
  spendDailyAnswer(key: string, ttlMs: number): Promise<number>;
  /** [total hits, ms until the window ends, 1 when blocked, ms until the block ends]. */
  throttlerHit(
    hitKey: string,
    blockKey: string,
    name: string,
    ttlMs: number,
    limit: number,
    blockMs: number,
  ): Promise<[number, number, number, number]>;
}

interface Window {
  name: string;
  subject: string;
  limit: number;
  ttlMs: number;
}

/** Who is asking, as far as the request tells: the client's address and, when known, more. */
export interface WidgetCaller {
  ip: string;
  botId: string;
}

export interface WidgetSender extends WidgetCaller {
  workspaceId: string;
  customerId: string;
}

/**
 * The limits anonymous widget traffic is held to: anyone with a bot's public key can start
 * sessions and send messages, each an LLM call; and each workspace's daily budget of bot answers.
 * Counted in Redis (the same throttler storage the login routes use), so every gateway instance
 * shares one count; a limit reached is a `rate_limited` error with when to try again.
 */
@Injectable()
export class AbuseLimits {
  private readonly commands: BudgetCommands;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {
    redis.defineCommand('spendDailyAnswer', { numberOfKeys: 1, lua: SPEND_DAILY_ANSWER });
    redis.defineCommand('throttlerHit', {
      numberOfKeys: 2,
      lua: new ThrottlerStorageRedisService(redis).scriptSrc,
    });
    this.commands = redis as unknown as BudgetCommands;
  }

  async widgetSession({ ip, botId }: WidgetCaller): Promise<void> {
    const limits = this.config.limits;
    await this.enforce(LimitsExceptionCode.TOO_MANY_SESSIONS, [
      {
        name: 'widget-sessions-ip',
        subject: ip,
        limit: limits.widgetSessionsPerIpPerMin,
        ttlMs: MINUTE_MS,
      },
      {
        name: 'widget-sessions-bot',
        subject: botId,
        limit: limits.widgetSessionsPerBotPerMin,
        ttlMs: MINUTE_MS,
      },
    ]);
  }

  async widgetMessage(sender: WidgetSender): Promise<void> {
    const limits = this.config.limits;
    await this.enforce(LimitsExceptionCode.TOO_MANY_MESSAGES, [
      {
        name: 'widget-messages-visitor',
        subject: sender.customerId,
        limit: limits.widgetMessagesPerVisitorPerMin,
        ttlMs: MINUTE_MS,
      },
      {
        name: 'widget-messages-ip',
        subject: sender.ip,
        limit: limits.widgetMessagesPerIpPerMin,
        ttlMs: MINUTE_MS,
      },
      {
        name: 'widget-messages-bot',
        subject: sender.botId,
        limit: limits.widgetMessagesPerBotPerMin,
        ttlMs: MINUTE_MS,
      },
    ]);
    const budget = await this.dailyBudget(sender.workspaceId);
    if (budget.spent)
      throw new LimitsException(LimitsExceptionCode.DAILY_BUDGET_SPENT, budget.resetsInMs / 1000);
  }

  /**
   * Spends one of the workspace's bot answers for today (UTC); false when none was left. Counted
   * where the LLM is called, so every channel spends from it, not only the widget.
   */
  async spendDailyAnswer(workspaceId: string): Promise<boolean> {
    const spent = await this.commands.spendDailyAnswer(
      this.budgetKey(workspaceId),
      msUntilUtcMidnight() + MINUTE_MS,
    );
    return spent <= this.config.limits.workspaceDailyMessageBudget;
  }

  /** Whether the workspace's answers for today are used up, and when they come back. */
  async dailyBudget(workspaceId: string): Promise<{ spent: boolean; resetsInMs: number }> {
    const spent = Number((await this.redis.get(this.budgetKey(workspaceId))) ?? 0);
    return {
      spent: spent >= this.config.limits.workspaceDailyMessageBudget,
      resetsInMs: msUntilUtcMidnight(),
    };
  }

  private budgetKey(workspaceId: string): string {
    const day = new Date().toISOString().slice(0, 10);
    return `${this.config.queuePrefix}:budget:${workspaceId}:${day}`;
  }

  /** Counts the attempt in every window; the first one over its limit refuses it. */
  private async enforce(code: LimitsExceptionCode, windows: Window[]): Promise<void> {
    const records = await Promise.all(
      windows.map((w) => {
        // The throttler storage's own keys and script (so a count is the same whoever reads it),
        // sent by SHA: its `increment` sends the script's text with every call, three per message.
        const key = `${this.config.queuePrefix}:${w.subject}`;
        return this.commands.throttlerHit(
          `{${key}:${w.name}}:hits`,
          `{${key}:${w.name}}:blocked`,
          w.name,
          w.ttlMs,
          w.limit,
          // Over the limit, refused until the window it was counted in would have ended.
          w.ttlMs,
        );
      }),
    );
    const over = records.find(([, , isBlocked]) => isBlocked === 1);
    if (over) {
      const [, timeToExpireMs, , timeToBlockExpireMs] = over;
      throw new LimitsException(
        code,
        Math.ceil(timeToBlockExpireMs / 1000) || Math.ceil(timeToExpireMs / 1000),
      );
    }
  }
}

function msUntilUtcMidnight(now = new Date()): number {
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
  return Math.max(1_000, midnight - now.getTime());
}
