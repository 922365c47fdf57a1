export interface HandBackConversationCommand {
  conversationId: string;
  /** The member handing back; null for an API key. */
  actorId: string | null;
}
