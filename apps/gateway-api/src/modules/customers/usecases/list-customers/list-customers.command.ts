export interface ListCustomersCommand {
  q?: string;
  channelId?: string;
  tag?: string;
  limit: number;
  cursor?: string;
}
