import { Injectable } from '@nestjs/common';
import { QueryTypes } from 'sequelize';
import type { Attachment, ConversationStatus, MessageStatus } from '@cxgenie/contracts';
import {
  type TenantScope,
  isUniqueViolation,
  preparedStatement,
  runPrepared,
  pgSafeText,
  pgSafeValue,
} from '@cxgenie/database';

/** A customer message as a channel hands it over: widget, REST, a platform webhook or a mail. */
export interface CustomerMessageToAccept {
  conversationId: string;
  text: string;
  attachments?: Attachment[];
  /** The platform's id for the message (dedupe key, unique per channel). */
  platformMessageId?: string | null;
  /** What the channel knows beyond the text (platform, kind, the platform's timestamp…). */
  metadata?: Record<string, unknown>;
  /**
   * Sent by a machine on the customer's behalf (an out-of-office reply): kept and shown, never
   * answered by the bot (two auto-responders answering each other is a mail loop).
   */
  automated?: boolean;
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
  /** The conversation's status when the message joined it. */
  conversationStatus: ConversationStatus;
}

/** The channel already delivered a message with this platform id: it was accepted before. */
@Injectable()
export class DuplicatePlatformMessageError extends Error {
  constructor(readonly platformMessageId: string) {
    super(`platform message ${platformMessageId} was already accepted`);
    this.name = 'DuplicatePlatformMessageError';
  }
}

/** Who talks on which channel: a conversation is theirs until it is closed. */
export interface ConversationParty {
  channelId: string;
  botId: string;
  customerId: string;
}

/** A conversation found or opened for a message, and whether it was opened for it. */
export interface OpenedConversation {
  conversationId: string;
  created: boolean;
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
  conversation_status: ConversationStatus;
}

const PLATFORM_ID_INDEX = 'messages_channel_platform_id_key';

// The party's open conversation on an active channel: the most recent one that is not closed.
const OPEN_CONVERSATION_OF_PARTY = `SELECT c.id FROM conversations c
    WHERE c.workspace_id = $1::uuid AND c.channel_id = $2::uuid AND c.customer_id = $3::uuid
      AND c.status <> 'closed'
      AND EXISTS (SELECT 1 FROM channels ch
                   WHERE ch.id = c.channel_id AND ch.workspace_id = $1::uuid AND ch.is_active
                     AND ch.deleted_at IS NULL)
    ORDER BY c.created_at DESC LIMIT 1`;

/**
 * How every accept ends, after a `target` CTE that names the conversation: its next sequence number
 * and the message with it. $1 is the workspace; the message's five fields (MessageParams) start at
 * `$first`. The UPDATE's row lock serialises sequence numbers within the conversation.
 */
const appendToTarget = (first: number, onlyIfNotClosed: boolean): string => `next AS (
     UPDATE conversations SET last_message_seq = last_message_seq + 1, last_message_at = now(), updated_at = now()
      WHERE id = (SELECT id FROM target) AND workspace_id = $1::uuid${onlyIfNotClosed ? ` AND status <> 'closed'` : ''}
      RETURNING id, last_message_seq AS seq, channel_id, status
   ), inserted AS (
     INSERT INTO messages (workspace_id, conversation_id, channel_id, seq, direction, sender_type, text, attachments,
                           platform_message_id, trace_id, metadata)
     SELECT $1::uuid, id, channel_id, seq, 'inbound', 'customer', $${first}::text, $${first + 1}::jsonb,
            $${first + 2}::text, $${first + 3}::text, $${first + 4}::jsonb
       FROM next
     RETURNING id, conversation_id, channel_id, seq, text, attachments, status, created_at
   )
   SELECT inserted.*, next.status AS conversation_status FROM inserted, next`;

const ACCEPT = preparedStatement(
  'accept_customer_message',
  `WITH target AS (SELECT $2::uuid AS id), ${appendToTarget(3, false)}`,
);

// The common case in one round trip: the party's open conversation on an active channel (as
// FIND_OPEN) and the message appended to it. `status <> 'closed'` again on the row itself: a
// conversation closed after the lookup takes no message, the caller opens a new one.
const ACCEPT_IN_OPEN = preparedStatement(
  'accept_in_open_conversation',
  `WITH target AS (${OPEN_CONVERSATION_OF_PARTY}), ${appendToTarget(4, true)}`,
);

// A channel's message by its platform id (the unique index the dedupe relies on).
const BY_PLATFORM_ID = preparedStatement(
  'customer_message_by_platform_id',
  `SELECT m.id, m.conversation_id, m.channel_id, m.seq, m.text, m.attachments, m.status, m.created_at,
          c.status AS conversation_status
     FROM messages m JOIN conversations c ON c.id = m.conversation_id
    WHERE m.channel_id = $1::uuid AND m.platform_message_id = $2::text AND m.workspace_id = $3::uuid
      AND m.direction = 'inbound'`,
);

// Every customer message looks its conversation up; prepared, it is planned once per connection.
// The channel must still be active: a switched-off channel takes no messages.
// A thread names its conversation; it is the party's to continue only while it is not closed.
const FIND_THREAD = preparedStatement(
  'find_thread_conversation',
  `SELECT c.id FROM conversations c
    WHERE c.id = $4::uuid AND c.workspace_id = $1::uuid AND c.channel_id = $2::uuid
      AND c.customer_id = $3::uuid AND c.status <> 'closed'
      AND EXISTS (SELECT 1 FROM channels ch
                   WHERE ch.id = c.channel_id AND ch.workspace_id = $1::uuid AND ch.is_active
                     AND ch.deleted_at IS NULL)`,
);

// Opens a conversation only on an active channel of the workspace: no row, no conversation.
const OPEN = preparedStatement(
  'open_conversation',
  `INSERT INTO conversations (workspace_id, bot_id, channel_id, customer_id, subject)
   SELECT $1::uuid, $2::uuid, $3::uuid, $4::uuid, $5::text
    WHERE EXISTS (SELECT 1 FROM channels ch
                   WHERE ch.id = $3::uuid AND ch.workspace_id = $1::uuid AND ch.is_active
                     AND ch.deleted_at IS NULL)
   RETURNING id`,
);

const FIND_OPEN = preparedStatement('find_open_conversation', OPEN_CONVERSATION_OF_PARTY);

/**
 * How every channel accepts a customer message (the intake): the customer's open conversation on
 * the channel or a new one with the channel's bot, then the message with the conversation's next
 * sequence number, persisted before anything else happens. One path for the widget, the platforms
 * and email, so all number, deduplicate and order messages the same way.
 */
export class ConversationIntakeStore {
  /**
   * One statement, so one round trip: the UPDATE's row lock serialises sequence numbers within the
   * conversation, and the INSERT only happens if the conversation is this workspace's (null
   * otherwise). A platform id seen before fails the whole statement, sequence included, with
   * `DuplicatePlatformMessageError`: no gap is left behind.
   */
  async acceptCustomerMessage(
    scope: TenantScope,
    message: CustomerMessageToAccept,
  ): Promise<AcceptedCustomerMessage | null> {
    return this.run(scope, ACCEPT, [scope.workspaceId, message.conversationId], message);
  }

  /**
   * The party's open conversation on an active channel and the message appended to it, in one
   * statement (the same rules as findOpenConversation then acceptCustomerMessage). Null when there
   * is no open conversation to append to: the caller finds or opens one (findOrOpenConversation).
   */
  async acceptInOpenConversation(
    scope: TenantScope,
    party: Omit<ConversationParty, 'botId'>,
    message: Omit<CustomerMessageToAccept, 'conversationId'>,
  ): Promise<AcceptedCustomerMessage | null> {
    return this.run(
      scope,
      ACCEPT_IN_OPEN,
      [scope.workspaceId, party.channelId, party.customerId],
      message,
    );
  }

  private async run(
    scope: TenantScope,
    statement: typeof ACCEPT,
    where: unknown[],
    message: Omit<CustomerMessageToAccept, 'conversationId'>,
  ): Promise<AcceptedCustomerMessage | null> {
    try {
      const [row] = await runPrepared<AcceptedRow>(scope.sequelize, statement, [
        ...where,
        // Stored as PostgreSQL can store it: a NUL would refuse the message, and every later one.
        pgSafeText(message.text),
        JSON.stringify(pgSafeValue(message.attachments ?? [])),
        message.platformMessageId != null ? pgSafeText(message.platformMessageId) : null,
        message.traceId ?? null,
        JSON.stringify(
          pgSafeValue({ ...message.metadata, ...(message.automated && { automated: true }) }),
        ),
      ]);
      return row ? toAccepted(row) : null;
    } catch (error) {
      if (isUniqueViolation(error, PLATFORM_ID_INDEX) && message.platformMessageId) {
        throw new DuplicatePlatformMessageError(message.platformMessageId);
      }
      throw error;
    }
  }

  /**
   * The customer message a channel delivered with this platform id, as it was accepted: what a
   * client retrying a message it already sent is answered with.
   */
  async findByPlatformMessageId(
    scope: TenantScope,
    channelId: string,
    platformMessageId: string,
  ): Promise<AcceptedCustomerMessage | null> {
    const [row] = await runPrepared<AcceptedRow>(scope.sequelize, BY_PLATFORM_ID, [
      channelId,
      pgSafeText(platformMessageId),
      scope.workspaceId,
    ]);
    return row ? toAccepted(row) : null;
  }

  /** The party's open conversation on an active channel (one prepared query), if any. */
  async findOpenConversation(
    scope: TenantScope,
    party: Omit<ConversationParty, 'botId'>,
  ): Promise<string | null> {
    const [row] = await runPrepared<{ id: string }>(scope.sequelize, FIND_OPEN, [
      scope.workspaceId,
      party.channelId,
      party.customerId,
    ]);
    return row?.id ?? null;
  }

  /**
   * The customer's conversation on the channel that is not closed (the latest), or a new one with
   * the channel's bot; null when the channel is not active. The common case (an open conversation)
   * costs one query; opening one is serialised per (channel, customer), so two first messages
   * arriving together open one conversation, not two.
   */
  async findOrOpenConversation(
    scope: TenantScope,
    party: ConversationParty,
    subject: string | null = null,
  ): Promise<OpenedConversation | null> {
    const open = await this.findOpenConversation(scope, party);
    if (open) return { conversationId: open, created: false };
    const { workspaceId } = scope;
    return scope.sequelize.transaction(async (transaction) => {
      await scope.sequelize.query('SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))', {
        replacements: { key: `conversation:${party.channelId}:${party.customerId}` },
        transaction,
      });
      const [row] = await scope.sequelize.query<{ id: string | null; active: boolean }>(
        `SELECT (SELECT c.id FROM conversations c
                  WHERE c.workspace_id = :workspaceId AND c.channel_id = :channelId
                    AND c.customer_id = :customerId AND c.status <> 'closed'
                  ORDER BY c.created_at DESC LIMIT 1) AS id,
                EXISTS (SELECT 1 FROM channels ch
                         WHERE ch.id = :channelId AND ch.workspace_id = :workspaceId AND ch.is_active
                           AND ch.deleted_at IS NULL) AS active`,
        {
          replacements: { workspaceId, channelId: party.channelId, customerId: party.customerId },
          type: QueryTypes.SELECT,
          transaction,
        },
      );
      if (!row?.active) return null;
      if (row.id) return { conversationId: row.id, created: false };
      const [created] = await scope.sequelize.query<{ id: string }>(
        `INSERT INTO conversations (workspace_id, bot_id, channel_id, customer_id, subject)
         VALUES (:workspaceId, :botId, :channelId, :customerId, :subject) RETURNING id`,
        {
          replacements: { workspaceId, ...party, subject },
          type: QueryTypes.SELECT,
          transaction,
        },
      );
      return { conversationId: created!.id, created: true };
    });
  }

  /**
   * For a channel whose customers write in threads (email), where one customer may have several
   * conversations open at once: the thread's conversation while it is the party's and not closed,
   * else a new conversation (a thread with no conversation yet, or one that was closed since: what
   * is written after a closing starts anew, as on every channel). Null when the channel is not
   * active. Two messages of one new thread must be serialised by the caller, or they open two.
   */
  async continueOrOpenThread(
    scope: TenantScope,
    party: ConversationParty,
    conversationId: string | null,
    subject: string | null = null,
  ): Promise<OpenedConversation | null> {
    if (conversationId) {
      const [found] = await runPrepared<{ id: string }>(scope.sequelize, FIND_THREAD, [
        scope.workspaceId,
        party.channelId,
        party.customerId,
        conversationId,
      ]);
      if (found) return { conversationId: found.id, created: false };
    }
    const [opened] = await runPrepared<{ id: string }>(scope.sequelize, OPEN, [
      scope.workspaceId,
      party.botId,
      party.channelId,
      party.customerId,
      subject,
    ]);
    return opened ? { conversationId: opened.id, created: true } : null;
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
  conversationStatus: row.conversation_status,
});
