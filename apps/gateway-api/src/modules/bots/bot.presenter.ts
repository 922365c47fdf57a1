import type { Bot, Channel } from '@cxgenie/database';
import type { BotResponse } from './dto/bot.dto';

export function presentBot(bot: Bot, channels: readonly Channel[]): BotResponse {
  return {
    id: bot.id,
    name: bot.name,
    publicKey: bot.publicKey,
    llmProvider: bot.llmProvider,
    llmModel: bot.llmModel,
    systemPrompt: bot.systemPrompt,
    temperature: bot.temperature,
    language: bot.language,
    typeReplyUnknown: bot.typeReplyUnknown,
    fallbackMessage: bot.fallbackMessage,
    handoffPhrases: bot.handoffPhrases,
    handoffOnUnknown: bot.handoffOnUnknown,
    identityVerification: {
      configured: bot.identitySecretEncrypted !== null,
      required: bot.requireVerifiedIdentity,
    },
    knowledgeSettings: bot.knowledgeSettings,
    smallTalk: bot.smallTalk ?? {},
    isActive: bot.isActive,
    activeChannels: channels.map((channel) => ({ id: channel.id, type: channel.type })),
    createdAt: bot.createdAt,
    updatedAt: bot.updatedAt,
  };
}
