export interface ReopenConversationCommand {
  conversationId: string;
  /** The member reopening it; they become the assignee. */
  agentId: string;
}
