import { Injectable } from '@nestjs/common';
import { OutboundDelivery } from '../../delivery/outbound-delivery';
import type { AfterAnswerStep, AnswerOutcome } from './answer-outcome';

/** The bot's reply, on its way to the customer's channel (the widget has it already). */
@Injectable()
export class QueueReplyDeliveryStep implements AfterAnswerStep {
  constructor(private readonly delivery: OutboundDelivery) {}

  async handle(outcome: AnswerOutcome): Promise<void> {
    if (outcome.kind !== 'answered') return;
    const { state } = outcome.question;
    await this.delivery.queue(outcome.scope.workspaceId, {
      conversationId: outcome.conversationId,
      messageId: outcome.reply.id,
      channelId: state.channel_id,
      channelType: state.channel_type,
    });
  }
}
