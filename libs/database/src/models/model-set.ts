import type { Sequelize } from 'sequelize';
import { initBotModels } from './bot.models';
import { initConversationModels } from './conversation.models';
import { initCredentialModels } from './credential.models';
import { initDeadLetterModels } from './dead-letter.models';
import { initKnowledgeModels } from './knowledge.models';
import { initTicketModels } from './ticket.models';
import { initWorkspaceModels } from './workspace.models';

/**
 * Every model bound to one connection. A model class can belong to one Sequelize instance only,
 * and a dedicated-mode workspace has a connection of its own, so each connection gets its own set
 * of subclasses of the same definitions.
 */
export function createModelSet(sequelize: Sequelize) {
  return {
    ...initWorkspaceModels(sequelize),
    ...initCredentialModels(sequelize),
    ...initBotModels(sequelize),
    ...initKnowledgeModels(sequelize),
    ...initConversationModels(sequelize),
    ...initTicketModels(sequelize),
    ...initDeadLetterModels(sequelize),
  };
}

export type ModelSet = ReturnType<typeof createModelSet>;
