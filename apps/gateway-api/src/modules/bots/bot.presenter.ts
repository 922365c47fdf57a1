import type { KnowledgeIndexReport } from '@cxgenie/contracts';
import type { Bot, Channel } from '@cxgenie/database';
import type { BotResponse, KnowledgeIndexResponse } from './dto/bot.dto';

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

/**
 * The report without its tenant keys (the bot is the one read) nor core-ai's error text, which
 * may name internal hosts and ports: the reason is in core-ai's log.
 */
export function presentKnowledgeIndex(report: KnowledgeIndexReport): KnowledgeIndexResponse {
  return {
    state: report.state,
    expected: report.expected,
    missing: report.missing,
    repaired: report.repaired,
    orphans: report.orphans,
    removed: report.removed,
    sourcesInFlight: report.sourcesInFlight,
    chunksInOtherSpaces: report.chunksInOtherSpaces,
    checkedAt: report.checkedAt,
    failed: report.error !== null,
  };
}
