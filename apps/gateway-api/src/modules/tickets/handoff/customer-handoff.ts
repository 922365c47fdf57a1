import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bull';
import { QueryTypes } from 'sequelize';
import { type HandoffRequestJobData, QueueNames } from '@cxgenie/contracts';
import type { TenantScope } from '@cxgenie/database';
import { withTraceId } from '@cxgenie/observability';

export interface HandoffTrigger {
  id: string;
  seq: number;
  text: string;
}

/**
 * The customer asked for a human. The message is marked handled without a bot reply and the
 * conversation goes to human mode in the same statement, before anything else is handled: the
 * customer's messages already queued behind this one must not be answered by the bot either.
 * The ticket app then opens the ticket and tells the agents.
 *
 * No automatic acknowledgement is sent to the customer: a bot has no setting for it (nor its
 * language) yet, and the agent's first reply, with the ticket's full context, is the answer.
 */
@Injectable()
export class CustomerHandoff {
  constructor(
    @InjectQueue(QueueNames.HandoffRequests)
    private readonly requests: Queue<HandoffRequestJobData>,
  ) {}

  /**
   * False when another worker handled the message first. `bot_paused`: not the customer's
   * request but the bot's kill switch, for a new conversation (BotKillSwitch).
   */
  async accept(
    scope: TenantScope,
    conversationId: string,
    message: HandoffTrigger,
    reason: 'customer_request' | 'bot_paused' = 'customer_request',
  ): Promise<boolean> {
    const rows = await scope.sequelize.query(
      `UPDATE conversations
          SET processed_inbound_seq = :seq, status = CASE WHEN status = 'bot' THEN 'human' ELSE status END,
              updated_at = now(), processed_at = clock_timestamp()
        WHERE id = :conversationId AND workspace_id = :workspaceId AND processed_inbound_seq < :seq
        RETURNING id`,
      {
        replacements: { seq: message.seq, conversationId, workspaceId: scope.workspaceId },
        type: QueryTypes.SELECT,
      },
    );
    if (rows.length === 0) return false;
    await this.requests.add(
      withTraceId({
        workspaceId: scope.workspaceId,
        conversationId,
        reason,
        messageId: message.id,
        question: message.text,
        requestedAt: new Date().toISOString(),
      }),
      {
        jobId: `${reason === 'customer_request' ? 'customer-request' : 'bot-paused'}:${message.id}`,
      },
    );
    return true;
  }
}
