import { Injectable } from '@nestjs/common';
import { Flags } from '@cxgenie/contracts';
import type { TenantScope } from '@cxgenie/database';
import { FlagsClient } from '@cxgenie/flags';

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
 * conversation; each goes to the agents (the pipeline's BotPausedStep hands it off).
 */
@Injectable()
export class BotKillSwitch {
  constructor(private readonly flags: FlagsClient) {}

  /** Whether this message, of a new conversation, goes to the agents instead of the bot. */
  async diverts(
    scope: TenantScope,
    botId: string,
    message: { seq: number },
    history: readonly EarlierMessage[],
  ): Promise<boolean> {
    if (!isNewConversation(message.seq, history)) return false;
    return this.flags.get(Flags.botKillSwitch, { workspaceId: scope.workspaceId, botId });
  }
}
