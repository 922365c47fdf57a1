export interface ConnectChannelCommand {
  channelId: string;
  /** Where this service is reached, when PUBLIC_WEBHOOK_BASE_URL does not say (development). */
  requestOrigin: string;
}
