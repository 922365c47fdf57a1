import { Injectable } from '@nestjs/common';
import { QueryTypes, type Sequelize } from 'sequelize';
import { type ChannelType, LIVE_DELIVERY_CHANNELS } from '@cxgenie/contracts';

/** Where a paged search resumes: after this conversation, in (last message, id) order. */
export interface StrandedCursor {
  lastMessageAt: Date;
  conversationId: string;
}

/** A conversation whose oldest waiting customer message nobody is working on. */
export interface StrandedConversation extends StrandedCursor {
  workspaceId: string;
  /** The oldest customer message still waiting for the bot. */
  messageId: string;
  seq: number;
}

/** A conversation whose oldest reply for a messaging platform was never handed to delivery. */
export interface UndeliveredConversation extends StrandedCursor {
  workspaceId: string;
  /** The oldest outbound message still queued. */
  messageId: string;
  channelId: string;
  channelType: ChannelType;
}

export interface StrandedWindow {
  workspaceIds: string[] | null;
  from: Date;
  to: Date;
  after?: StrandedCursor;
  limit: number;
}

interface Row {
  workspace_id: string;
  conversation_id: string;
  message_id: string;
  last_message_at: Date;
}

interface StrandedRow extends Row {
  seq: number;
}

interface UndeliveredRow extends Row {
  channel_id: string;
  channel_type: ChannelType;
}

/*
 * Driven by the inbox index (workspace_id, last_message_at), so the pipeline's hot path pays for
 * no extra index. The shared database passes no workspace list; the array of its workspaces is
 * then built once (an init plan), still an index scan per workspace.
 */
const IN_WINDOW = `
  c.workspace_id = ANY(coalesce(:workspaceIds::uuid[], ARRAY(
    SELECT id FROM workspaces WHERE tenancy_mode = 'shared' AND deleted_at IS NULL)))
  AND c.last_message_at >= :from AND c.last_message_at < :to
  AND (c.last_message_at, c.id) > (:from, :afterId::uuid)`;

// A conversation's last_message_at is at least as late as its customer messages: a window on it
// finds every message that arrived in the window.
const FIND_STRANDED = `
  SELECT c.workspace_id, c.id AS conversation_id, p.id AS message_id, p.seq, c.last_message_at
    FROM conversations c
    CROSS JOIN LATERAL (
      SELECT m.id, m.seq FROM messages m
       WHERE m.conversation_id = c.id AND m.direction = 'inbound' AND m.seq > c.processed_inbound_seq
       ORDER BY m.seq LIMIT 1
    ) p
   WHERE ${IN_WINDOW}
   ORDER BY c.last_message_at, c.id
   LIMIT :limit`;

// A bot reply does not move last_message_at (the customer message it answers did), so a reply is
// found while its question's time is in a window: within a minute and a half of the question with
// the default interval and grace. The widget is left out: its replies reach it over the socket.
// Channels that deliver live have nothing to queue (their messages are never left `queued`).
const LIVE_CHANNELS_SQL = LIVE_DELIVERY_CHANNELS.map((type) => `'${type}'`).join(', ');

const FIND_UNDELIVERED = `
  SELECT c.workspace_id, c.id AS conversation_id, p.id AS message_id, c.last_message_at,
         c.channel_id, ch.type AS channel_type
    FROM conversations c
    JOIN channels ch ON ch.id = c.channel_id
    CROSS JOIN LATERAL (
      SELECT m.id FROM messages m
       WHERE m.conversation_id = c.id AND m.direction = 'outbound' AND m.status = 'queued'
         AND m.created_at < :to
       ORDER BY m.seq LIMIT 1
    ) p
   WHERE ${IN_WINDOW} AND ch.type NOT IN (${LIVE_CHANNELS_SQL})
   ORDER BY c.last_message_at, c.id
   LIMIT :limit`;

const BEFORE_EVERY_ID = '00000000-0000-0000-0000-000000000000';

/**
 * Finds what a process that died mid-way left behind: customer messages persisted but never queued
 * for the bot, and replies committed but never queued for delivery, long after they were written.
 * Either waits for the conversation's next event otherwise, which may never come.
 */
@Injectable()
export class StrandedMessages {
  /** The database's clock minus the grace: messages older than this have waited too long. */
  async horizon(sequelize: Sequelize, graceMs: number): Promise<Date> {
    const [row] = await sequelize.query<{ horizon: Date }>(
      `SELECT now() - make_interval(secs => :graceMs::float8 / 1000) AS horizon`,
      { replacements: { graceMs }, type: QueryTypes.SELECT },
    );
    return new Date(row.horizon);
  }

  /**
   * Conversations whose last message is in [from, to) and that still have a customer message
   * waiting, in (last message, id) order; `after` resumes where the previous page ended.
   */
  async find(sequelize: Sequelize, window: StrandedWindow): Promise<StrandedConversation[]> {
    const rows = await this.query<StrandedRow>(sequelize, FIND_STRANDED, window);
    return rows.map((row) => ({ ...common(row), seq: row.seq }));
  }

  /** The same window, for replies to a messaging platform still queued for delivery. */
  async findUndelivered(
    sequelize: Sequelize,
    window: StrandedWindow,
  ): Promise<UndeliveredConversation[]> {
    const rows = await this.query<UndeliveredRow>(sequelize, FIND_UNDELIVERED, window);
    return rows.map((row) => ({
      ...common(row),
      channelId: row.channel_id,
      channelType: row.channel_type,
    }));
  }

  private query<R extends object>(sequelize: Sequelize, sql: string, window: StrandedWindow) {
    return sequelize.query<R>(sql, {
      replacements: {
        // Sequelize expands a JS array into a list; the statement wants one array value.
        workspaceIds: window.workspaceIds ? `{${window.workspaceIds.join(',')}}` : null,
        from: window.after?.lastMessageAt ?? window.from,
        afterId: window.after?.conversationId ?? BEFORE_EVERY_ID,
        to: window.to,
        limit: window.limit,
      },
      type: QueryTypes.SELECT,
    });
  }
}

const common = (row: Row) => ({
  workspaceId: row.workspace_id,
  conversationId: row.conversation_id,
  messageId: row.message_id,
  lastMessageAt: new Date(row.last_message_at),
});
