import type { EmailCredentials, EmailSettings } from '@cxgenie/channels';

/** An email channel as this service works with it: settings as parsed, secrets opened. */
export interface EmailChannel {
  id: string;
  workspaceId: string;
  botId: string | null;
  isActive: boolean;
  settings: EmailSettings;
  credentials: EmailCredentials;
  /** Authenticates the inbound webhook (`Authorization: Bearer …`, or a basic-auth password). */
  webhookSecret: string | null;
}

/** The address the channel sends from: the one configured, else its first address. */
export const senderAddress = (channel: EmailChannel): string =>
  channel.settings.fromAddress ?? channel.settings.addresses[0];

/** The domain of an address (everything after its last @), lowercased. */
export const domainOf = (address: string): string =>
  address.slice(address.lastIndexOf('@') + 1).toLowerCase();
