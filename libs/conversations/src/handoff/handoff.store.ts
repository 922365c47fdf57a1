import { Injectable } from '@nestjs/common';
import { QueryTypes, type Transaction } from 'sequelize';
import type { HandoffReason, TicketContext } from '@cxgenie/contracts';
import type { TenantScope } from '@cxgenie/database';
import { CONVERSATION_TRANSITIONS } from '../state/conversation-status';
import {
  type TicketActor,
  recordTicketHistory,
  type HistoryEntry,
} from '../tickets/ticket-history';
import { buildTicketContext, ticketSubject } from './handoff-context';
import { whyStale } from './handoff-fence';
import type { HandoffOutcome, HandoffRequest, LockedConversation } from './handoff.types';

/** The SLA targets a new ticket starts with. */
export interface OpeningTargets {
  firstResponseSeconds: number;
  resolutionSeconds: number;
}

const ACTOR_TYPES: Record<HandoffReason, TicketActor['actorType']> = {
  customer_request: 'customer',
  bot_not_enough_data: 'bot',
  agent_takeover: 'agent',
  delivery_failed: 'system',
  bot_paused: 'system',
};

const HAND_OFF = CONVERSATION_TRANSITIONS.hand_off;

/**
 * Puts a conversation in a human's hands, in one transaction under the conversation's row lock:
 * human mode (the pipeline re-reads it before every message, so the bot goes silent), the
 * conversation's active ticket or a new one carrying the full context, and a history row for
 * every change. Concurrent or repeated requests for one conversation end with one ticket; a
 * request already applied (same reason and message) is a duplicate.
 */
@Injectable()
export class HandoffStore {
  handOff(
    scope: TenantScope,
    request: HandoffRequest,
    targets: OpeningTargets,
  ): Promise<HandoffOutcome> {
    return scope.sequelize.transaction(async (transaction) => {
      const conversation = await this.lockConversation(scope, request.conversationId, transaction);
      if (!conversation) return { kind: 'dropped', why: 'no such conversation' };
      const stale = await whyStale(scope, conversation, request, transaction);
      if (stale) return { kind: 'dropped', why: stale };

      const requestKey = `${request.reason}:${request.messageId ?? request.requestedAt}`;
      const existing = await this.activeTicketOf(scope, conversation.id, transaction);
      if (existing && (await this.alreadyApplied(scope, existing, requestKey, transaction)))
        return { kind: 'duplicate', ticketId: existing };

      const becameHuman = await this.moveToHumanMode(scope, conversation, transaction);
      const actor: TicketActor = {
        actorType: ACTOR_TYPES[request.reason],
        actorId: actorIdOf(request, conversation),
      };
      const context = await buildTicketContext(scope, conversation, request, transaction);
      const ticketId = existing ?? (await this.openTicket(scope, context, targets, transaction));
      const history: HistoryEntry[] = [];
      if (!existing) history.push({ type: 'ticket.opened', data: { reason: request.reason } });
      history.push({
        type: 'handoff.requested',
        data: {
          requestKey,
          reason: request.reason,
          messageId: request.messageId,
          question: context.question,
          note: context.note,
        },
      });
      if (becameHuman)
        history.push({ type: 'conversation.human', data: { from: conversation.status } });
      await recordTicketHistory(
        scope.sequelize,
        scope.workspaceId,
        ticketId,
        actor,
        history,
        transaction,
      );
      return { kind: 'handed_off', ticketId, opened: !existing };
    });
  }

  /**
   * The bot's attempted answer to a customer message, written after the handoff it led to (the
   * pipeline hands off on core-ai's decision and the attempt follows, ADR 0045). Under the same
   * row lock as `handOff`, so either order works: kept on the question's message for a handoff
   * still to come (its ticket context reads it there), and set on the context of the ticket that
   * message opened, if there is one. The first attempt stays: a second writer (the job owing the
   * attempt, or the live path after it, ADR 0058) changes nothing and learns `attached: false`.
   * Returns whether the conversation was found, whether this attempt was attached, and the
   * ticket's id (null without one).
   */
  attachAttemptedAnswer(
    scope: TenantScope,
    attempt: { conversationId: string; messageId: string; attemptedAnswer: string },
  ): Promise<{ found: boolean; attached: boolean; ticketId: string | null }> {
    return scope.sequelize.transaction(async (transaction) => {
      const conversation = await this.lockConversation(scope, attempt.conversationId, transaction);
      if (!conversation) return { found: false, attached: false, ticketId: null };
      const replacements = {
        workspaceId: scope.workspaceId,
        conversationId: conversation.id,
        messageId: attempt.messageId,
        attempt: JSON.stringify(attempt.attemptedAnswer),
      };
      const [first] = await scope.sequelize.query<{ id: string }>(
        `UPDATE messages SET metadata = jsonb_set(metadata, '{attemptedAnswer}', CAST(:attempt AS jsonb))
          WHERE id = :messageId AND conversation_id = :conversationId AND workspace_id = :workspaceId
            AND metadata -> 'attemptedAnswer' IS NULL
          RETURNING id`,
        { replacements, type: QueryTypes.SELECT, transaction },
      );
      if (!first) return { found: true, attached: false, ticketId: null };
      const [ticket] = await scope.sequelize.query<{ id: string }>(
        `UPDATE tickets
            SET context = jsonb_set(context, '{attemptedAnswer}', CAST(:attempt AS jsonb)),
                updated_at = now()
          WHERE conversation_id = :conversationId AND workspace_id = :workspaceId
            AND context->>'triggerMessageId' = :messageId
          RETURNING id`,
        { replacements, type: QueryTypes.SELECT, transaction },
      );
      return { found: true, attached: true, ticketId: ticket?.id ?? null };
    });
  }

  /**
   * Where the attempted answer to a customer message stands: `attached` (even an empty one),
   * `owed` (the message is there without one), or `gone` (no such message in this workspace):
   * the check before writing one again for an attempt owed since a crash (ADR 0058).
   */
  async attemptState(
    scope: TenantScope,
    attempt: { conversationId: string; messageId: string },
  ): Promise<'attached' | 'owed' | 'gone'> {
    const [row] = await scope.sequelize.query<{ attached: boolean }>(
      `SELECT metadata -> 'attemptedAnswer' IS NOT NULL AS attached FROM messages
        WHERE id = :messageId AND conversation_id = :conversationId AND workspace_id = :workspaceId`,
      {
        replacements: { ...attempt, workspaceId: scope.workspaceId },
        type: QueryTypes.SELECT,
      },
    );
    if (!row) return 'gone';
    return row.attached ? 'attached' : 'owed';
  }

  private async lockConversation(
    scope: TenantScope,
    conversationId: string,
    transaction: Transaction,
  ): Promise<LockedConversation | null> {
    const [row] = await scope.sequelize.query<LockedConversation>(
      `SELECT id, status, bot_id, customer_id, channel_id FROM conversations
        WHERE id = :conversationId AND workspace_id = :workspaceId FOR UPDATE`,
      {
        replacements: { conversationId, workspaceId: scope.workspaceId },
        type: QueryTypes.SELECT,
        transaction,
      },
    );
    return row ?? null;
  }

  /** The `hand_off` transition, under the lock taken above; false when already human. */
  private async moveToHumanMode(
    scope: TenantScope,
    conversation: LockedConversation,
    transaction: Transaction,
  ): Promise<boolean> {
    if (conversation.status === HAND_OFF.to) return false;
    const rows = await scope.sequelize.query(
      `UPDATE conversations SET status = :to, updated_at = now()
        WHERE id = :conversationId AND workspace_id = :workspaceId AND status IN (:from)
        RETURNING id`,
      {
        replacements: {
          conversationId: conversation.id,
          workspaceId: scope.workspaceId,
          from: HAND_OFF.from,
          to: HAND_OFF.to,
        },
        type: QueryTypes.SELECT,
        transaction,
      },
    );
    return rows.length > 0;
  }

  /** The conversation's open or pending ticket, if it has one (at most one, by a unique index). */
  private async activeTicketOf(
    scope: TenantScope,
    conversationId: string,
    transaction: Transaction,
  ): Promise<string | null> {
    const [row] = await scope.sequelize.query<{ id: string }>(
      `SELECT id FROM tickets
        WHERE conversation_id = :conversationId AND workspace_id = :workspaceId
          AND status IN ('open', 'pending')`,
      {
        replacements: { conversationId, workspaceId: scope.workspaceId },
        type: QueryTypes.SELECT,
        transaction,
      },
    );
    return row?.id ?? null;
  }

  /** Whether this very request was already applied to the ticket (a retried or duplicated job). */
  private async alreadyApplied(
    scope: TenantScope,
    ticketId: string,
    requestKey: string,
    transaction: Transaction,
  ): Promise<boolean> {
    const rows = await scope.sequelize.query(
      `SELECT 1 FROM ticket_events
        WHERE ticket_id = :ticketId AND type = 'handoff.requested' AND data->>'requestKey' = :requestKey
        LIMIT 1`,
      { replacements: { ticketId, requestKey }, type: QueryTypes.SELECT, transaction },
    );
    return rows.length > 0;
  }

  private async openTicket(
    scope: TenantScope,
    context: TicketContext,
    targets: OpeningTargets,
    transaction: Transaction,
  ): Promise<string> {
    const [row] = await scope.sequelize.query<{ id: string }>(
      `INSERT INTO tickets (workspace_id, conversation_id, subject, status, priority, context,
                            first_response_due_at, resolution_due_at, created_at, updated_at)
       VALUES (:workspaceId, :conversationId, :subject, 'open', 'normal', CAST(:context AS jsonb),
               now() + make_interval(secs => :firstResponseSeconds),
               now() + make_interval(secs => :resolutionSeconds), now(), now())
       RETURNING id`,
      {
        replacements: {
          workspaceId: scope.workspaceId,
          conversationId: context.conversationId,
          subject: ticketSubject(context),
          context: JSON.stringify(context),
          firstResponseSeconds: targets.firstResponseSeconds,
          resolutionSeconds: targets.resolutionSeconds,
        },
        type: QueryTypes.SELECT,
        transaction,
      },
    );
    return row!.id;
  }
}

function actorIdOf(request: HandoffRequest, conversation: LockedConversation): string | null {
  switch (request.reason) {
    case 'customer_request':
      return conversation.customer_id;
    case 'bot_not_enough_data':
      return conversation.bot_id;
    case 'agent_takeover':
      return request.agentUserId ?? null;
    default:
      return null;
  }
}
