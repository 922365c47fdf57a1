import { QueryTypes } from 'sequelize';
import type { Attachment, MessageStatus } from '@cxgenie/contracts';
import { isUniqueViolation, preparedStatement, runPrepared } from '../prepared-statement';
import type { TenantScope } from '../tenancy/tenant-scope';

/** A customer message as a channel hands it over: widget, REST or a platform webhook. */
export interface CustomerMessageToAccept {
  conversationId: string;
  text: string;
  attachments?: Attachment[];
  /** The platform's id for the message (dedupe key, unique per channel). */
  platformMessageId?: string | null;
  /** What the channel knows beyond the text (platform, kind, the platform's timestamp…). */
  metadata?: Record<string, unknown>;
  traceId?: string | null;
}

export interface AcceptedCustomerMessage {
  id: string;
  conversationId: string;
  channelId: string;
  seq: number;
  text: string;
  attachments: Attachment[];
  status: MessageStatus;
  createdAt: Date;
}

/** The channel already delivered a message with this platform id: it was accepted before. */
export class DuplicatePlatformMessageError extends Error {
  constructor(readonly platformMessageId: string) {
    super(`platform message ${platformMessageId} was already accepted`);
    this.name = 'DuplicatePlatformMessageError';
  }
}

export interface ConversationParty {
  channelId: string;
  botId: string;
  customerId: string;
}

interface AcceptedRow {
  id: string;
  conversation_id: string;
  channel_id: string;
  seq: number;
  text: string;
  attachments: Attachment[];
  status: MessageStatus;
  created_at: Date;
}

const PLATFORM_ID_INDEX = 'messages_channel_platform_id_key';

const ACCEPT = preparedStatement(
  'accept_customer_message',
  `WITH next AS (
     UPDATE conversations SET last_message_seq = last_message_seq + 1, last_message_at = now(), updated_at = now()
      WHERE id = $1::uuid AND workspace_id = $2::uuid
      RETURNING last_message_seq AS seq, channel_id
   )
   INSERT INTO messages (workspace_id, conversation_id, channel_id, seq, direction, sender_type, text, attachments,
                         platform_message_id, trace_id, metadata)
   SELECT $2::uuid, $1::uuid, channel_id, seq, 'inbound', 'customer', $3::text, $4::jsonb,
          $5::text, $6::text, $7::jsonb
     FROM next
   RETURNING id, conversation_id, channel_id, seq, text, attachments, status, created_at`,
);

/**
 * How every channel accepts a customer message: it takes the conversation's next sequence number
 * and is persisted before anything else happens. Shared by gateway-api (widget) and integration
 * (platform webhooks), so both number messages the same way.
 */
export class CustomerMessageIntakeRepository {
  /**
   * One statement, so one round trip: the UPDATE's row lock serialises sequence numbers within the
   * conversation, and the INSERT only happens if the conversation is this workspace's (null
   * otherwise). A platform id seen before fails the whole statement, sequence included, with
   * `DuplicatePlatformMessageError`: no gap is left behind.
   */
  async accept(
    scope: TenantScope,
    message: CustomerMessageToAccept,
  ): Promise<AcceptedCustomerMessage | null> {
    try {
      const [row] = await runPrepared<AcceptedRow>(scope.sequelize, ACCEPT, [
        message.conversationId,
        scope.workspaceId,
        message.text,
        JSON.stringify(message.attachments ?? []),
        message.platformMessageId ?? null,
        message.traceId ?? null,
        JSON.stringify(message.metadata ?? {}),
      ]);
      return row ? toAccepted(row) : null;
    } catch (error) {
      if (isPlatformIdConflict(error) && message.platformMessageId) {
        throw new DuplicatePlatformMessageError(message.platformMessageId);
      }
      throw error;
    }
  }

  /**
   * The customer's conversation on the channel that is not closed (the latest), or a new one with
   * the channel's bot. Serialised per (channel, customer), so two first messages arriving together
   * open one conversation, not two.
   */
  findOrOpenConversation(
    scope: TenantScope,
    party: ConversationParty,
  ): Promise<{ conversationId: string; created: boolean }> {
    const { Conversation } = scope.models;
    const { workspaceId } = scope;
    return scope.sequelize.transaction(async (transaction) => {
      await scope.sequelize.query('SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))', {
        replacements: { key: `conversation:${party.channelId}:${party.customerId}` },
        transaction,
      });
      const open = await scope.sequelize.query<{ id: string }>(
        `SELECT id FROM conversations
          WHERE workspace_id = :workspaceId AND channel_id = :channelId AND customer_id = :customerId
            AND status <> 'closed'
          ORDER BY created_at DESC LIMIT 1`,
        {
          replacements: { workspaceId, channelId: party.channelId, customerId: party.customerId },
          type: QueryTypes.SELECT,
          transaction,
        },
      );
      if (open[0]) return { conversationId: open[0].id, created: false };
      const conversation = await Conversation.create(
        {
          workspaceId,
          botId: party.botId,
          channelId: party.channelId,
          customerId: party.customerId,
        },
        { transaction },
      );
      return { conversationId: conversation.id, created: true };
    });
  }
}

const toAccepted = (row: AcceptedRow): AcceptedCustomerMessage => ({
  id: row.id,
  conversationId: row.conversation_id,
  channelId: row.channel_id,
  seq: row.seq,
  text: row.text,
  attachments: row.attachments,
  status: row.status,
  createdAt: new Date(row.created_at),
});

const isPlatformIdConflict = (error: unknown): boolean =>
  isUniqueViolation(error, PLATFORM_ID_INDEX);
