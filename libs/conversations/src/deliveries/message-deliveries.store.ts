import { Injectable } from '@nestjs/common';
import { QueryTypes, UniqueConstraintError } from 'sequelize';
import type { Attachment, MessageStatus, PlatformStatusUpdate } from '@cxgenie/contracts';
import type { TenantScope } from '@cxgenie/database';

/** What earlier attempts at a message left in its metadata. */
export interface DeliveryProgress {
  attempts?: number;
  /** Platform ids of the parts of a split text that already went out. */
  partIds?: string[];
  lastError?: string;
  nextAttemptAt?: string;
}

/** The conversation's next outbound message not yet on the platform. */
export interface PendingDelivery {
  id: string;
  seq: number;
  /** Who wrote it: a bot's reply is an automatic one (email marks it so). */
  sender_type: 'bot' | 'agent' | 'system';
  text: string;
  attachments: Attachment[];
  channel_id: string;
  external_id: string | null;
  last_customer_message_at: Date | null;
  delivery: DeliveryProgress | null;
}

export interface FailedDelivery {
  reason: string;
  platformCode: string | null;
  /** Parts of a split text that did go out before it failed. */
  partIds: string[];
}

/** A receipt applied to one of our messages. */
export interface AppliedReceipt {
  messageId: string;
  conversationId: string;
  /** False when the message was already as far along (receipts arrive out of order). */
  changed: boolean;
}

/**
 * How far along a message is. Receipts arrive out of order (read before delivered), so a status
 * only ever moves forward; `failed` replaces only a message not yet known to be delivered.
 */
const RANK_SQL = `CASE status WHEN 'queued' THEN 0 WHEN 'sent' THEN 1 WHEN 'delivered' THEN 2
                              WHEN 'read' THEN 3 WHEN 'failed' THEN 4 ELSE 0 END`;
const RANK: Record<PlatformStatusUpdate['status'], number> = {
  sent: 1,
  delivered: 2,
  read: 3,
  failed: 2,
};

/**
 * The delivery state of outbound messages on platform channels: queued until the platform took
 * them (`sent`, with the platform's ids), failed for good with the platform's reason, and the
 * receipts the platform reports afterwards. Each write applies only to a message still in the
 * state it expects, so a duplicate or late job changes nothing.
 */
@Injectable()
export class MessageDeliveriesStore {
  async nextPending(scope: TenantScope, conversationId: string): Promise<PendingDelivery | null> {
    const [row] = await scope.sequelize.query<PendingDelivery>(
      `SELECT m.id, m.seq, m.sender_type, m.text, m.attachments, m.channel_id, m.metadata -> 'delivery' AS delivery,
              ci.external_id,
              (SELECT max(COALESCE((im.metadata ->> 'sentAt')::timestamptz, im.created_at))
                 FROM messages im
                 JOIN conversations ic ON ic.id = im.conversation_id
                WHERE ic.workspace_id = c.workspace_id AND ic.channel_id = c.channel_id
                  AND ic.customer_id = c.customer_id AND im.direction = 'inbound') AS last_customer_message_at
         FROM messages m
         JOIN conversations c ON c.id = m.conversation_id
         LEFT JOIN customer_identities ci
           ON ci.channel_id = m.channel_id AND ci.customer_id = c.customer_id AND ci.workspace_id = c.workspace_id
        WHERE m.conversation_id = :conversationId AND m.workspace_id = :workspaceId
          AND m.direction = 'outbound' AND m.status = 'queued'
        ORDER BY m.seq LIMIT 1`,
      { replacements: { conversationId, workspaceId: scope.workspaceId }, type: QueryTypes.SELECT },
    );
    return row ?? null;
  }

  /** The platform took the message (all its parts, under these ids). */
  async markSent(
    scope: TenantScope,
    message: PendingDelivery,
    platformMessageIds: string[],
  ): Promise<void> {
    const metadata = {
      platformMessageIds,
      delivery: { attempts: (message.delivery?.attempts ?? 0) + 1 },
    };
    const update = (withId: boolean) =>
      scope.sequelize.query(
        `UPDATE messages SET status = 'sent', updated_at = now(), error = NULL,
                platform_message_id = ${withId ? ':platformMessageId' : 'platform_message_id'},
                metadata = metadata || CAST(:metadata AS jsonb)
          WHERE id = :id AND workspace_id = :workspaceId AND status = 'queued'`,
        {
          replacements: {
            id: message.id,
            workspaceId: scope.workspaceId,
            platformMessageId: platformMessageIds[0] ?? null,
            metadata: JSON.stringify(metadata),
          },
        },
      );
    try {
      await update(true);
    } catch (error) {
      // The platform reused an id we already hold for this channel: the message did go out, and
      // receipts still find it through metadata.
      if (!(error instanceof UniqueConstraintError)) throw error;
      await update(false);
    }
  }

  /** An attempt failed for now: what it did and when to try again, kept on the message. */
  async recordRetry(
    scope: TenantScope,
    messageId: string,
    delivery: DeliveryProgress,
  ): Promise<void> {
    await scope.sequelize.query(
      `UPDATE messages SET metadata = metadata || CAST(:metadata AS jsonb), updated_at = now()
        WHERE id = :id AND workspace_id = :workspaceId AND status = 'queued'`,
      {
        replacements: {
          id: messageId,
          workspaceId: scope.workspaceId,
          metadata: JSON.stringify({ delivery }),
        },
      },
    );
  }

  /** Failed for good; false when the message was no longer queued (somebody settled it first). */
  async markFailed(
    scope: TenantScope,
    message: PendingDelivery,
    failure: FailedDelivery,
  ): Promise<boolean> {
    const delivery = {
      ...(message.delivery ?? {}),
      partIds: failure.partIds,
      platformCode: failure.platformCode,
      failedAt: new Date().toISOString(),
    };
    const [row] = await scope.sequelize.query<{ id: string }>(
      `UPDATE messages SET status = 'failed', error = :reason, updated_at = now(),
              metadata = metadata || CAST(:metadata AS jsonb)
        WHERE id = :id AND workspace_id = :workspaceId AND status = 'queued'
        RETURNING id`,
      {
        replacements: {
          id: message.id,
          workspaceId: scope.workspaceId,
          reason: failure.reason,
          metadata: JSON.stringify({
            delivery,
            ...(failure.partIds.length > 0 && { platformMessageIds: failure.partIds }),
          }),
        },
        type: QueryTypes.SELECT,
      },
    );
    return Boolean(row);
  }

  /**
   * A platform's receipt on one of our messages, found by any of the platform ids its parts were
   * sent under. Null when no message of ours carries that id (yet).
   */
  applyReceipt(scope: TenantScope, update: PlatformStatusUpdate): Promise<AppliedReceipt | null> {
    return this.advance(scope, update);
  }

  /**
   * The recipient's server returned a mail we sent under `platformMessageId` (a bounce, reported
   * after the send succeeded): the message is failed with the server's reason, unless it is
   * already known as failed. Null when no message of the channel was sent under that id.
   */
  markBounced(
    scope: TenantScope,
    bounce: { channelId: string; platformMessageId: string; reason: string },
  ): Promise<AppliedReceipt | null> {
    return this.advance(scope, { ...bounce, status: 'failed' });
  }

  private async advance(
    scope: TenantScope,
    update: Pick<PlatformStatusUpdate, 'channelId' | 'platformMessageId' | 'status' | 'reason'>,
  ): Promise<AppliedReceipt | null> {
    const [target] = await scope.sequelize.query<{
      id: string;
      conversation_id: string;
      changed: boolean;
    }>(
      `WITH target AS (
         SELECT id, conversation_id, ${RANK_SQL} AS rank
           FROM messages
          WHERE workspace_id = :workspaceId AND channel_id = :channelId AND direction = 'outbound'
            AND (platform_message_id = :platformMessageId
                 OR metadata -> 'platformMessageIds' @> jsonb_build_array(CAST(:platformMessageId AS text)))
          LIMIT 1
       ), changed AS (
         UPDATE messages m
            SET status = :status, updated_at = now(),
                error = CASE WHEN :status = 'failed' THEN :reason ELSE m.error END
           FROM target
          WHERE m.id = target.id AND target.rank < :rank
         RETURNING m.id
       )
       SELECT target.id, target.conversation_id, EXISTS (SELECT 1 FROM changed) AS changed FROM target`,
      {
        replacements: {
          workspaceId: scope.workspaceId,
          channelId: update.channelId,
          platformMessageId: update.platformMessageId,
          status: update.status satisfies MessageStatus,
          reason: update.reason,
          rank: RANK[update.status],
        },
        type: QueryTypes.SELECT,
      },
    );
    return target
      ? { messageId: target.id, conversationId: target.conversation_id, changed: target.changed }
      : null;
  }
}
