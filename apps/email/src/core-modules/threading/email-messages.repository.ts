import { Injectable } from '@nestjs/common';
import { QueryTypes } from 'sequelize';
import type { TenantScope } from '@cxgenie/database';

export type InboundVia = 'smtp' | 'webhook' | 'imap';

/** What became of an inbound mail (the row's state once it is settled). */
export type InboundState = 'accepted' | 'auto_reply' | 'bounce' | 'ignored' | 'rejected';

/** The outcome of claiming a mail by its Message-ID. */
export type InboundClaim =
  | { kind: 'claimed'; id: string }
  /** Received before (settled): this delivery is a duplicate. */
  | { kind: 'duplicate'; state: string }
  /** Another worker is receiving it right now. */
  | { kind: 'busy' };

export interface SettledInbound {
  state: InboundState;
  reason?: string | null;
  conversationId?: string | null;
  messageId?: string | null;
  customerId?: string | null;
  sender?: string | null;
  subject?: string | null;
  referenceIds?: string[];
  rawKey?: string | null;
}

export interface SentMail {
  channelId: string;
  rfcMessageId: string;
  conversationId: string;
  messageId: string;
  customerId: string | null;
  subject: string;
  referenceIds: string[];
}

/** The mail a reply answers: its id, the thread's ids before it, and its subject. */
export interface ThreadHead {
  rfcMessageId: string;
  referenceIds: string[];
  subject: string | null;
  customerId: string | null;
}

/** A claim not settled within this long belongs to a worker that died: another may take it. */
const STALE_CLAIM_SECONDS = 60;
/** References kept per mail: enough to thread, short enough for a header. */
const MAX_REFERENCES = 30;

/**
 * The email channel's index of mail by Message-ID (table `email_messages`, ADR 0032), written
 * only here. Inbound mail is claimed by its id before anything else (the dedupe of every way in:
 * SMTP, the webhook and mailboxes), then settled with what became of it; outbound mail is recorded
 * once sent. Replies find their conversation through it.
 */
@Injectable()
export class EmailMessagesRepository {
  async claimInbound(
    scope: TenantScope,
    mail: { channelId: string; rfcMessageId: string; via: InboundVia; sizeBytes: number },
  ): Promise<InboundClaim> {
    const [row] = await scope.sequelize.query<{ claimed: string | null; state: string | null }>(
      `WITH claim AS (
         INSERT INTO email_messages (workspace_id, channel_id, direction, rfc_message_id, state, via, size_bytes)
         VALUES ($1, $2, 'inbound', $3, 'receiving', $4, $5)
         ON CONFLICT (channel_id, rfc_message_id) DO UPDATE
           SET claimed_at = now(), via = EXCLUDED.via, updated_at = now()
         WHERE email_messages.state = 'receiving' AND email_messages.workspace_id = $1
           AND email_messages.claimed_at < now() - make_interval(secs => ${STALE_CLAIM_SECONDS})
         RETURNING id
       )
       SELECT (SELECT id FROM claim) AS claimed,
              (SELECT state FROM email_messages WHERE channel_id = $2 AND rfc_message_id = $3) AS state`,
      {
        bind: [scope.workspaceId, mail.channelId, mail.rfcMessageId, mail.via, mail.sizeBytes],
        type: QueryTypes.SELECT,
      },
    );
    if (row.claimed) return { kind: 'claimed', id: row.claimed };
    return row.state === 'receiving' ? { kind: 'busy' } : { kind: 'duplicate', state: row.state! };
  }

  /** Lets a claim go at once (the receiving failed for now; a retry may claim it again). */
  async release(scope: TenantScope, id: string): Promise<void> {
    await scope.sequelize.query(
      `UPDATE email_messages SET claimed_at = '-infinity' WHERE id = $1 AND workspace_id = $2 AND state = 'receiving'`,
      { bind: [id, scope.workspaceId] },
    );
  }

  async settle(scope: TenantScope, id: string, settled: SettledInbound): Promise<void> {
    await scope.sequelize.query(
      `UPDATE email_messages
          SET state = $3, reason = $4, conversation_id = $5, message_id = $6, customer_id = $7,
              sender = $8, subject = $9, reference_ids = $10, raw_key = $11, updated_at = now()
        WHERE id = $1 AND workspace_id = $2`,
      {
        bind: [
          id,
          scope.workspaceId,
          settled.state,
          settled.reason ?? null,
          settled.conversationId ?? null,
          settled.messageId ?? null,
          settled.customerId ?? null,
          settled.sender ?? null,
          settled.subject ?? null,
          (settled.referenceIds ?? []).slice(-MAX_REFERENCES),
          settled.rawKey ?? null,
        ],
      },
    );
  }

  /**
   * The conversation of the latest mail among `rfcMessageIds` (the ids a reply names) that was
   * written to or by this customer on the channel: a thread moved on to a new conversation (the
   * old one was closed) continues in the new one.
   */
  async conversationOfThread(
    scope: TenantScope,
    channelId: string,
    customerId: string,
    rfcMessageIds: string[],
  ): Promise<string | null> {
    if (rfcMessageIds.length === 0) return null;
    const [row] = await scope.sequelize.query<{ conversation_id: string }>(
      `SELECT conversation_id FROM email_messages
        WHERE workspace_id = $1 AND channel_id = $2 AND rfc_message_id = ANY($3::text[])
          AND customer_id = $4 AND conversation_id IS NOT NULL
        ORDER BY created_at DESC LIMIT 1`,
      { bind: [scope.workspaceId, channelId, rfcMessageIds, customerId], type: QueryTypes.SELECT },
    );
    return row?.conversation_id ?? null;
  }

  async recordSent(scope: TenantScope, mail: SentMail): Promise<void> {
    await scope.sequelize.query(
      `INSERT INTO email_messages (workspace_id, channel_id, direction, rfc_message_id, state, conversation_id,
                                   message_id, customer_id, subject, reference_ids, via)
       VALUES ($1, $2, 'outbound', $3, 'sent', $4, $5, $6, $7, $8, NULL)
       ON CONFLICT (channel_id, rfc_message_id) DO NOTHING`,
      {
        bind: [
          scope.workspaceId,
          mail.channelId,
          mail.rfcMessageId,
          mail.conversationId,
          mail.messageId,
          mail.customerId,
          mail.subject,
          mail.referenceIds.slice(-MAX_REFERENCES),
        ],
      },
    );
  }

  /** The conversation's latest mail from the customer: what a reply to them answers. */
  async threadHead(scope: TenantScope, conversationId: string): Promise<ThreadHead | null> {
    const [row] = await scope.sequelize.query<{
      rfc_message_id: string;
      reference_ids: string[];
      subject: string | null;
      customer_id: string | null;
    }>(
      `SELECT rfc_message_id, reference_ids, subject, customer_id FROM email_messages
        WHERE workspace_id = $1 AND conversation_id = $2 AND direction = 'inbound'
          AND state = 'accepted'
        ORDER BY created_at DESC LIMIT 1`,
      { bind: [scope.workspaceId, conversationId], type: QueryTypes.SELECT },
    );
    return row
      ? {
          rfcMessageId: row.rfc_message_id,
          referenceIds: row.reference_ids,
          subject: row.subject,
          customerId: row.customer_id,
        }
      : null;
  }
}
