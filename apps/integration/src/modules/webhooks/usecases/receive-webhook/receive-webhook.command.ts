import type { RawWebhookRequest } from '@cxgenie/contracts';

export interface ReceiveWebhookCommand {
  platform: string;
  channelId: string;
  request: RawWebhookRequest;
}
