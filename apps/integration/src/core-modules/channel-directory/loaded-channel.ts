import type { ChannelContext, ChannelType } from '@cxgenie/contracts';

/** A channel as the integration works with it: its row, with credentials and secret opened. */
export interface LoadedChannel {
  id: string;
  type: ChannelType;
  workspaceId: string;
  botId: string | null;
  isActive: boolean;
  settings: Record<string, unknown>;
  credentials: Record<string, string>;
  webhookSecret: string | null;
}

export const channelContextOf = <Settings>(
  channel: LoadedChannel,
  settings: Settings,
): ChannelContext<Settings> => ({
  channelId: channel.id,
  workspaceId: channel.workspaceId,
  botId: channel.botId,
  settings,
  credentials: channel.credentials,
  webhookSecret: channel.webhookSecret,
});
