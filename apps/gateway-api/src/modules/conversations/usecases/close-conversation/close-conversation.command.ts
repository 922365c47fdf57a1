export interface CloseConversationCommand {
  conversationId: string;
  /** The member closing it; null for an API key. */
  actorId: string | null;
}
