import type { ConversationEvents } from './conversation-events';

/**
 * The bot's typing indicator over a run of answers: on before the first, off after the last, so
 * answers given back to back do not flicker it (and do not cost two broadcasts each).
 */
export class BotTyping {
  private typing = false;

  constructor(
    private readonly events: ConversationEvents,
    private readonly workspaceId: string,
    private readonly conversationId: string,
  ) {}

  start(): void {
    if (this.typing) return;
    this.typing = true;
    this.emit(true);
  }

  stop(): void {
    if (!this.typing) return;
    this.typing = false;
    this.emit(false);
  }

  private emit(typing: boolean): void {
    this.events.typing(this.workspaceId, {
      conversationId: this.conversationId,
      senderType: 'bot',
      typing,
    });
  }
}
