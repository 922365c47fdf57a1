/*
 * "A bot's settings changed": the one announcement between the owner of bot writes (the bots API
 * in gateway-api) and every process that keeps bot settings in memory (core-ai's search). Redis
 * pub/sub on the deployment's QUEUE_PREFIX, which writer and readers share. Pub/sub is
 * at-most-once: a reader must treat a lost subscription as "every bot may have changed" (ADR 0060).
 */

/** The pub/sub channel of BotSettingsChangedMessage for the deployment with this QUEUE_PREFIX. */
export const botSettingsChangesChannel = (prefix: string): string =>
  `${prefix}:bot-settings:changes`;

/**
 * Published after the write is committed: the bot's settings changed, or the bot was deleted.
 * Readers drop what they hold of that bot and read it again when next asked.
 */
export interface BotSettingsChangedMessage {
  workspaceId: string;
  botId: string;
}

/** The message in a pub/sub payload, or null when it is not one (readers then drop everything). */
export function parseBotSettingsChanged(raw: string): BotSettingsChangedMessage | null {
  try {
    const message = JSON.parse(raw) as Partial<BotSettingsChangedMessage> | null;
    if (typeof message?.workspaceId === 'string' && typeof message.botId === 'string')
      return { workspaceId: message.workspaceId, botId: message.botId };
  } catch {
    // Falls through: an unreadable announcement is treated as one about every bot.
  }
  return null;
}
