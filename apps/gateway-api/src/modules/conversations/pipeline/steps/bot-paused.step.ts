import { Injectable } from '@nestjs/common';
import { ConversationFenceStore } from '@cxgenie/conversations';
import { BotKillSwitch } from '../../../flags/bot-kill-switch';
import { HandoffRequests } from '../handoff/handoff-requests';
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
    private readonly handoffs: HandoffRequests,
  ) {}

  async handle({
    scope,
    conversationId,
    message,
    history,
  }: MessageContext): Promise<Outcome | null> {
    const divert = await this.killSwitch.diverts(scope, message.state.bot_id, message, history);
    if (!divert) return null;
    if ((await this.fence.handOffAt(scope, conversationId, message.seq)) === null)
      return NOT_HANDLED;
    await this.handoffs.request(scope.workspaceId, conversationId, message, 'bot_paused');
    return STATE_CHANGED;
  }
}
