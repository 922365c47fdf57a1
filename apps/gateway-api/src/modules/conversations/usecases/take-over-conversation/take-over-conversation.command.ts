export interface TakeOverConversationCommand {
  conversationId: string;
  /** The member taking over; they become the assignee, whoever had it before. */
  agentId: string;
}
