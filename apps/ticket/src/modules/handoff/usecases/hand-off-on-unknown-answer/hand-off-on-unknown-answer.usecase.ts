import { Injectable } from '@nestjs/common';
import { QueryTypes } from 'sequelize';
import type { BotNotEnoughDataEvent } from '@cxgenie/contracts';
import { TenantConnections } from '@cxgenie/database';
import {
  HandOffConversation,
  type HandoffOutcome,
} from '../hand-off-conversation/hand-off-conversation.usecase';

/**
 * The bot could not answer from its knowledge. Under NO_REPLY the customer got nothing, so a human
 * must take over; under INPUT_ANSWER and AI_GENERATE the customer got a fallback or an unsure
 * answer, and the bot's `handoff_on_unknown` setting decides.
 */
@Injectable()
export class HandOffOnUnknownAnswer {
  constructor(
    private readonly tenants: TenantConnections,
    private readonly handOff: HandOffConversation,
  ) {}

  async execute(event: BotNotEnoughDataEvent): Promise<HandoffOutcome | 'kept-with-bot'> {
    if (!(await this.handsOff(event))) return 'kept-with-bot';
    return this.handOff.execute({
      workspaceId: event.workspaceId,
      conversationId: event.conversationId,
      reason: 'bot_not_enough_data',
      messageId: event.messageId,
      question: event.question,
      attemptedAnswer: event.attemptedAnswer,
      policy: event.policy,
      sources: event.sources,
      answerability: event.answerability ?? null,
      requestedAt: event.occurredAt,
    });
  }

  private async handsOff(event: BotNotEnoughDataEvent): Promise<boolean> {
    if (event.policy === 'NO_REPLY') return true;
    const scope = await this.tenants.scope(event.workspaceId);
    const [bot] = await scope.sequelize.query<{ handoff_on_unknown: boolean }>(
      'SELECT handoff_on_unknown FROM bots WHERE id = :botId AND workspace_id = :workspaceId',
      {
        replacements: { botId: event.botId, workspaceId: event.workspaceId },
        type: QueryTypes.SELECT,
      },
    );
    return bot?.handoff_on_unknown ?? false;
  }
}
