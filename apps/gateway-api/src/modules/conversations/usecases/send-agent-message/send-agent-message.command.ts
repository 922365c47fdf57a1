export interface SendAgentMessageCommand {
  conversationId: string;
  agentId: string;
  text: string;
}
