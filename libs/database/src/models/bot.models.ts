import {
  type CreationOptional,
  DataTypes,
  type InferAttributes,
  type InferCreationAttributes,
  Model,
  type Sequelize,
} from 'sequelize';
import type {
  BotKnowledgeSettings,
  ChannelType,
  LlmProvider,
  ReplyUnknownPolicy,
  SmallTalkSettings,
} from '@cxgenie/contracts';
import {
  jsonb,
  modelOptions,
  optionalDate,
  optionalText,
  optionalUuid,
  requiredText,
  requiredUuid,
  timestampColumns,
  uuidPrimaryKey,
} from './model-helpers';

export type KnowledgeSettings = BotKnowledgeSettings;

export class Bot extends Model<InferAttributes<Bot>, InferCreationAttributes<Bot>> {
  declare id: CreationOptional<string>;
  declare workspaceId: string;
  declare name: string;
  declare publicKey: string;
  declare llmProvider: CreationOptional<LlmProvider>;
  declare llmModel: CreationOptional<string>;
  declare systemPrompt: CreationOptional<string>;
  declare temperature: CreationOptional<number>;
  declare language: CreationOptional<string>;
  declare typeReplyUnknown: CreationOptional<ReplyUnknownPolicy>;
  declare fallbackMessage: CreationOptional<string>;
  declare handoffPhrases: CreationOptional<string[]>;
  /** Hand over to a human on every NO verdict, not only under NO_REPLY. */
  declare handoffOnUnknown: CreationOptional<boolean>;
  declare knowledgeSettings: CreationOptional<KnowledgeSettings>;
  /** Sealed HMAC secret the bot's site signs visitor ids with; null until one is issued. */
  declare identitySecretEncrypted: CreationOptional<string | null>;
  /** Refuse widget sessions whose visitor id is not signed. */
  declare requireVerifiedIdentity: CreationOptional<boolean>;
  /** Greetings, thanks and the like: which the bot replies to, and with what. */
  declare smallTalk: CreationOptional<SmallTalkSettings>;
  declare isActive: CreationOptional<boolean>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
  declare deletedAt: CreationOptional<Date | null>;
}

export class Channel extends Model<InferAttributes<Channel>, InferCreationAttributes<Channel>> {
  declare id: CreationOptional<string>;
  declare workspaceId: string;
  declare botId: string | null;
  declare type: ChannelType;
  declare name: string;
  declare externalId: CreationOptional<string | null>;
  /** AES-256-GCM ciphertext of the platform credentials; never leaves the service decrypted. */
  declare credentialsEncrypted: CreationOptional<string | null>;
  declare webhookSecretEncrypted: CreationOptional<string | null>;
  declare settings: CreationOptional<Record<string, unknown>>;
  declare isActive: CreationOptional<boolean>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
  declare deletedAt: CreationOptional<Date | null>;
}

export function initBotModels(sequelize: Sequelize) {
  const BotModel = class extends Bot {};
  BotModel.init(
    {
      id: uuidPrimaryKey(),
      workspaceId: requiredUuid(),
      name: requiredText(),
      publicKey: requiredText(),
      llmProvider: { type: DataTypes.TEXT, allowNull: false, defaultValue: 'local' },
      llmModel: { type: DataTypes.TEXT, allowNull: false, defaultValue: 'local-extractive' },
      systemPrompt: { type: DataTypes.TEXT, allowNull: false, defaultValue: '' },
      temperature: { type: DataTypes.REAL, allowNull: false, defaultValue: 0.2 },
      language: { type: DataTypes.TEXT, allowNull: false, defaultValue: 'en' },
      typeReplyUnknown: { type: DataTypes.TEXT, allowNull: false, defaultValue: 'INPUT_ANSWER' },
      fallbackMessage: {
        type: DataTypes.TEXT,
        allowNull: false,
        defaultValue: 'I am not sure about that. Let me get a teammate to help you.',
      },
      handoffPhrases: jsonb([]),
      handoffOnUnknown: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      identitySecretEncrypted: optionalText(),
      requireVerifiedIdentity: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      knowledgeSettings: jsonb({}),
      smallTalk: jsonb({}),
      isActive: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
      ...timestampColumns(),
      deletedAt: optionalDate(),
    },
    modelOptions(sequelize, 'bots', { paranoid: true }),
  );

  const ChannelModel = class extends Channel {};
  ChannelModel.init(
    {
      id: uuidPrimaryKey(),
      workspaceId: requiredUuid(),
      botId: optionalUuid(),
      type: requiredText(),
      name: requiredText(),
      externalId: optionalText(),
      credentialsEncrypted: optionalText(),
      webhookSecretEncrypted: optionalText(),
      settings: jsonb({}),
      isActive: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
      ...timestampColumns(),
      deletedAt: optionalDate(),
    },
    modelOptions(sequelize, 'channels', { paranoid: true }),
  );

  return { Bot: BotModel, Channel: ChannelModel };
}
