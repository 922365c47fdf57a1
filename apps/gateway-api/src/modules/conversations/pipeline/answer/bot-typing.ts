import { ServerEvents } from '@cxgenie/contracts';
import type { RealtimeBroadcaster } from '@cxgenie/realtime';

/**
 * The bot's typing indicator over a run of answers: on before the first, off after the last, so
 * answers given back to back do not flicker it (and do not cost two broadcasts each). A live
 * channel's intake already showed it to the customer when the message was accepted (`announced`):
 * then it is switched off at the end whether or not the bot answered.
 */
export class BotTyping {
  private typing = false;

  constructor(
    private readonly broadcaster: RealtimeBroadcaster,
    private readonly workspaceId: string,
    private readonly conversationId: string,
    private announced = false,
  ) {}

  start(): void {
    if (this.typing) return;
    this.typing = true;
    this.emit(true);
  }

  stop(): void {
    if (!this.typing && !this.announced) return;
    this.typing = false;
    this.announced = false;
    this.emit(false);
  }

  private emit(typing: boolean): void {
    this.broadcaster.toConversation(this.workspaceId, this.conversationId, ServerEvents.Typing, {
      conversationId: this.conversationId,
      senderType: 'bot',
      typing,
    });
  }
}
