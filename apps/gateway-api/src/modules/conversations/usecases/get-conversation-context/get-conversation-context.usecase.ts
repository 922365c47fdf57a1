import { Injectable } from '@nestjs/common';
import { Op, literal } from 'sequelize';
import type {
  AnswerOutcome,
  Answerability,
  KnowledgeCitation,
  TicketPriority,
  TicketStatus,
} from '@cxgenie/contracts';
import type { TenantScope } from '@cxgenie/database';
import { ResourceNotFoundException } from '../../../../core-modules/http/resource-not-found.exception';
import { type ConversationSummary, presentInboxRow } from '../../conversation.presenter';
import { queryInbox } from '../../inbox.query';

const RECENT_ANSWERS = 20;

export interface BotAnswerView {
  messageId: string;
  seq: number;
  replyToMessageId: string | null;
  outcome: AnswerOutcome | null;
  haveEnoughInformation: boolean | null;
  citations: KnowledgeCitation[];
  /** Why the bot answered or handed off: score, threshold, features (absent on older answers). */
  answerability: Answerability | null;
}

export interface ConversationContext {
  conversation: ConversationSummary;
  /** The bot's recent answers, newest first, with the knowledge each was drawn from. */
  botAnswers: BotAnswerView[];
  /** The conversation's latest ticket, with the handoff context the ticket app stored. */
  ticket: {
    id: string;
    status: TicketStatus;
    priority: TicketPriority;
    assigneeId: string | null;
    context: Record<string, unknown>;
    createdAt: Date;
  } | null;
  csat: { rating: number; comment: string | null; agentId: string | null; createdAt: Date } | null;
}

interface AnswerMetadata {
  answer?: {
    outcome?: AnswerOutcome;
    haveEnoughInformation?: boolean;
    citations?: KnowledgeCitation[];
    answerability?: Answerability | null;
  };
}

/**
 * Everything an agent needs beside the transcript when they open a conversation, in four small
 * indexed queries run together.
 */
@Injectable()
export class GetConversationContext {
  async execute(scope: TenantScope, conversationId: string): Promise<ConversationContext> {
    const where = { conversationId, workspaceId: scope.workspaceId };
    const [[row], answers, ticket, csat] = await Promise.all([
      queryInbox(scope, ['c.workspace_id = :workspaceId', 'c.id = :id'], {
        workspaceId: scope.workspaceId,
        id: conversationId,
        limit: 1,
      }),
      scope.models.Message.findAll({
        where: {
          ...where,
          senderType: 'bot',
          [Op.and]: [literal(`metadata -> 'answer' IS NOT NULL`)],
        },
        attributes: ['id', 'seq', 'replyToMessageId', 'metadata'],
        order: [['seq', 'DESC']],
        limit: RECENT_ANSWERS,
      }),
      scope.models.Ticket.findOne({ where, order: [['createdAt', 'DESC']] }),
      scope.models.CsatRating.findOne({ where }),
    ]);
    if (!row) throw new ResourceNotFoundException('Conversation');
    return {
      conversation: presentInboxRow(row),
      botAnswers: answers.map((m) => {
        const answer = (m.metadata as AnswerMetadata).answer ?? {};
        return {
          messageId: m.id,
          seq: m.seq,
          replyToMessageId: m.replyToMessageId ?? null,
          outcome: answer.outcome ?? null,
          haveEnoughInformation: answer.haveEnoughInformation ?? null,
          citations: answer.citations ?? [],
          answerability: answer.answerability ?? null,
        };
      }),
      ticket: ticket && {
        id: ticket.id,
        status: ticket.status,
        priority: ticket.priority,
        assigneeId: ticket.assigneeId,
        context: ticket.context,
        createdAt: ticket.createdAt,
      },
      csat: csat && {
        rating: csat.rating,
        comment: csat.comment,
        agentId: csat.agentId,
        createdAt: csat.createdAt,
      },
    };
  }
}
