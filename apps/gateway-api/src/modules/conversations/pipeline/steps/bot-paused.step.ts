import { Injectable } from '@nestjs/common';
import { ConversationFenceStore } from '@cxgenie/conversations';
import { BotKillSwitch } from '../../../flags/bot-kill-switch';
import { handoffRequestJob } from '../handoff/handoff-requests';
import { OutboxPublisher } from '../outbox/outbox-publisher';
import {
  type MessageContext,
  type MessageStep,
  NOT_HANDLED,
  type Outcome,
  STATE_CHANGED,
} from './message-step';

/**
 * The bot's kill switch (a flag): while it is on, a new conversation goes to the agents as a
 * `bot_paused` handoff before the bot says anything; conversations it already answers carry on.
 */
@Injectable()
export class BotPausedStep implements MessageStep {
  constructor(
    private readonly killSwitch: BotKillSwitch,
    private readonly fence: ConversationFenceStore,
    private readonly outbox: OutboxPublisher,
  ) {}

  async handle({
    scope,
    conversationId,
    message,
    history,
  }: MessageContext): Promise<Outcome | null> {
    const divert = await this.killSwitch.diverts(scope, message.state.bot_id, message, history);
    if (!divert) return null;
    const request = handoffRequestJob(scope.workspaceId, conversationId, message, 'bot_paused');
    if ((await this.fence.handOffAt(scope, conversationId, message.seq, [request])) === null)
      return NOT_HANDLED;
    await this.outbox.publish(scope, [request]);
    return STATE_CHANGED;
  }
}
