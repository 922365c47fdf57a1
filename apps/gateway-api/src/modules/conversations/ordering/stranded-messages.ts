import { Injectable } from '@nestjs/common';
import { QueryTypes, type Sequelize } from 'sequelize';

/** A conversation whose oldest waiting customer message nobody is working on. */
export interface StrandedConversation {
  workspaceId: string;
  conversationId: string;
  /** The oldest customer message still waiting for the bot. */
  messageId: string;
  seq: number;
  lastMessageAt: Date;
}

/** Where a paged search resumes: after this conversation, in (last message, id) order. */
export interface StrandedCursor {
  lastMessageAt: Date;
  conversationId: string;
}

interface StrandedRow {
  workspace_id: string;
  conversation_id: string;
  message_id: string;
  seq: number;
  last_message_at: Date;
}

/*
 * Driven by the inbox index (workspace_id, last_message_at): a conversation's last_message_at is at
 * least as late as its customer messages, so a window on it finds every message that arrived in
 * the window, and costs the pipeline's hot path no extra index. The shared database passes no
 * workspace list; the array of its workspaces is then built once (an init plan), still an index
 * scan per workspace.
 */
const FIND_STRANDED = `
  SELECT c.workspace_id, c.id AS conversation_id, p.id AS message_id, p.seq, c.last_message_at
    FROM conversations c
    CROSS JOIN LATERAL (
      SELECT m.id, m.seq FROM messages m
       WHERE m.conversation_id = c.id AND m.direction = 'inbound' AND m.seq > c.processed_inbound_seq
       ORDER BY m.seq LIMIT 1
    ) p
   WHERE c.workspace_id = ANY(coalesce(:workspaceIds::uuid[], ARRAY(
           SELECT id FROM workspaces WHERE tenancy_mode = 'shared' AND deleted_at IS NULL)))
     AND c.last_message_at >= :from AND c.last_message_at < :to
     AND (c.last_message_at, c.id) > (:from, :afterId::uuid)
   ORDER BY c.last_message_at, c.id
   LIMIT :limit`;

const BEFORE_EVERY_ID = '00000000-0000-0000-0000-000000000000';

/**
 * Finds customer messages that were persisted but are still waiting long after they arrived: the
 * process that accepted them died before queueing them, and no later message of the conversation
 * came to drain them.
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
   * Conversations whose last message is in [from, to) and that still have a message waiting, in
   * (last message, id) order; `after` resumes a search where its previous page ended.
   */
  async find(
    sequelize: Sequelize,
    window: {
      workspaceIds: string[] | null;
      from: Date;
      to: Date;
      after?: StrandedCursor;
      limit: number;
    },
  ): Promise<StrandedConversation[]> {
    const rows = await sequelize.query<StrandedRow>(FIND_STRANDED, {
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
    return rows.map((row) => ({
      workspaceId: row.workspace_id,
      conversationId: row.conversation_id,
      messageId: row.message_id,
      seq: row.seq,
      lastMessageAt: new Date(row.last_message_at),
    }));
  }
}
