import type { ChannelType } from '@cxgenie/contracts';

export interface CreateChannelCommand {
  type: ChannelType;
  name: string;
  botId?: string | null;
  externalId?: string | null;
  settings?: Record<string, unknown>;
  credentials?: Record<string, unknown>;
  isActive?: boolean;
}
