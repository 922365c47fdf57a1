import type { LlmProvider, ReplyUnknownPolicy, SmallTalkSettings } from '@cxgenie/contracts';
import type { KnowledgeSettingsPatch } from '../../bot-settings';

export interface CreateBotCommand {
  name: string;
  llmProvider?: LlmProvider;
  llmModel?: string;
  systemPrompt?: string;
  temperature?: number;
  language?: string;
  typeReplyUnknown?: ReplyUnknownPolicy;
  fallbackMessage?: string;
  handoffPhrases?: string[];
  handoffOnUnknown?: boolean;
  requireVerifiedIdentity?: boolean;
  knowledgeSettings?: KnowledgeSettingsPatch;
  smallTalk?: SmallTalkSettings;
  isActive?: boolean;
}
