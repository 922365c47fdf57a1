import type { AgentUpload } from '../../agent-files/agent-files';

export interface SendAgentMessageCommand {
  conversationId: string;
  agentId: string;
  text: string;
  /** Files attached to the reply (multipart `files`); none for a JSON body. */
  files?: AgentUpload[];
}
