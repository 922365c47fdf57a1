import type { SentimentLabel } from '@cxgenie/analytics';
import type { ChannelType, ConversationStatus } from '@cxgenie/contracts';

export interface ListConversationsCommand {
  status?: ConversationStatus;
  channel?: ChannelType;
  channelId?: string;
  assignee?: string;
  unassigned?: boolean;
  botId?: string;
  sentiment?: SentimentLabel;
  from?: string;
  to?: string;
  limit: number;
  cursor?: string;
}
