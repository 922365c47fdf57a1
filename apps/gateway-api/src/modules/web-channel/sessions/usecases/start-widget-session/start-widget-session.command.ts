export interface StartWidgetSessionCommand {
  botKey: string;
  /** The visitor's address (limits per address). */
  clientIp: string;
  customer?: {
    externalId?: string;
    /** HMAC-SHA256 of `externalId` under the bot's identity secret, hex. */
    userHash?: string;
    name?: string;
    email?: string;
    locale?: string;
  };
}
