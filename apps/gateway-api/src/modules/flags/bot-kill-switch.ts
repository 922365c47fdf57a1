import { Injectable } from '@nestjs/common';
import { Flags } from '@cxgenie/contracts';
import type { TenantScope } from '@cxgenie/database';
import { FlagsClient } from '@cxgenie/flags';
import { CustomerHandoff, type HandoffTrigger } from '../tickets/handoff/customer-handoff';

/** A message of the conversation's history window (the pipeline's backlog). */
interface EarlierMessage {
  seq: number;
  senderType: string;
}

/**
 * A conversation is new while nobody but the customer has written in it: every message before
 * this one (sequence numbers start at 1) is in the window, and all are the customer's.
 */
export function isNewConversation(seq: number, history: readonly EarlierMessage[]): boolean {
  const before = history.filter((m) => m.seq < seq);
  return before.length === seq - 1 && before.every((m) => m.senderType === 'customer');
}

/**
 * The `bot-kill-switch` flag (per workspace or bot): while it is on, the bot takes no new
 * conversation; each goes to the agents as a handoff (`bot_paused`) before the bot says anything.
 * Conversations the bot already answers carry on.
 */
@Injectable()
export class BotKillSwitch {
  constructor(
    private readonly flags: FlagsClient,
    private readonly handoff: CustomerHandoff,
  ) {}

  /**
   * Null: the bot answers as usual. True: the conversation went to the agents (the message is
   * handled); false: another worker handled the message first.
   */
  async divert(
    scope: TenantScope,
    conversationId: string,
    botId: string,
    message: HandoffTrigger,
    history: readonly EarlierMessage[],
  ): Promise<boolean | null> {
    if (!isNewConversation(message.seq, history)) return null;
    const paused = await this.flags.get(Flags.botKillSwitch, {
      workspaceId: scope.workspaceId,
      botId,
    });
    if (!paused) return null;
    return this.handoff.accept(scope, conversationId, message, 'bot_paused');
  }
}
