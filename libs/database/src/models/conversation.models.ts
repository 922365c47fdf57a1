import {
  type CreationOptional,
  DataTypes,
  type InferAttributes,
  type InferCreationAttributes,
  Model,
  type Sequelize,
} from 'sequelize';
import type {
  Attachment,
  ConversationStatus,
  MessageDirection,
  MessageStatus,
  SenderType,
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

export class Customer extends Model<InferAttributes<Customer>, InferCreationAttributes<Customer>> {
  declare id: CreationOptional<string>;
  declare workspaceId: string;
  declare name: CreationOptional<string | null>;
  declare email: CreationOptional<string | null>;
  declare phone: CreationOptional<string | null>;
  declare avatarUrl: CreationOptional<string | null>;
  declare locale: CreationOptional<string | null>;
  declare tags: CreationOptional<string[]>;
  declare metadata: CreationOptional<Record<string, unknown>>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
  declare deletedAt: CreationOptional<Date | null>;
}

/** How one customer is known on one channel (a PSID, a phone number, a Telegram chat id…). */
export class CustomerIdentity extends Model<
  InferAttributes<CustomerIdentity>,
  InferCreationAttributes<CustomerIdentity>
> {
  declare id: CreationOptional<string>;
  declare workspaceId: string;
  declare customerId: string;
  declare channelId: string;
  declare externalId: string;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export class Conversation extends Model<
  InferAttributes<Conversation>,
  InferCreationAttributes<Conversation>
> {
  declare id: CreationOptional<string>;
  declare workspaceId: string;
  declare botId: string;
  declare channelId: string;
  declare customerId: string;
  declare status: CreationOptional<ConversationStatus>;
  declare assigneeId: CreationOptional<string | null>;
  declare subject: CreationOptional<string | null>;
  declare lastMessageSeq: CreationOptional<number>;
  /** Inbound messages up to this sequence have been handled by the bot pipeline. */
  declare processedInboundSeq: CreationOptional<number>;
  declare lastMessageAt: CreationOptional<Date>;
  declare closedAt: CreationOptional<Date | null>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export class Message extends Model<InferAttributes<Message>, InferCreationAttributes<Message>> {
  declare id: CreationOptional<string>;
  declare workspaceId: string;
  declare conversationId: string;
  declare channelId: string;
  /** Position in the conversation, from 1, without gaps: the order everything is processed in. */
  declare seq: number;
  declare direction: MessageDirection;
  declare senderType: SenderType;
  declare senderId: CreationOptional<string | null>;
  declare text: CreationOptional<string>;
  declare attachments: CreationOptional<Attachment[]>;
  declare platformMessageId: CreationOptional<string | null>;
  declare status: CreationOptional<MessageStatus>;
  declare error: CreationOptional<string | null>;
  declare traceId: CreationOptional<string | null>;
  declare metadata: CreationOptional<Record<string, unknown>>;
  /** For a bot reply: the inbound message it answers (unique, so never answered twice). */
  declare replyToMessageId: CreationOptional<string | null>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export function initConversationModels(sequelize: Sequelize) {
  const CustomerModel = class extends Customer {};
  CustomerModel.init(
    {
      id: uuidPrimaryKey(),
      workspaceId: requiredUuid(),
      name: optionalText(),
      email: optionalText(),
      phone: optionalText(),
      avatarUrl: optionalText(),
      locale: optionalText(),
      tags: jsonb([]),
      metadata: jsonb({}),
      ...timestampColumns(),
      deletedAt: optionalDate(),
    },
    modelOptions(sequelize, 'customers', { paranoid: true }),
  );

  const IdentityModel = class extends CustomerIdentity {};
  IdentityModel.init(
    {
      id: uuidPrimaryKey(),
      workspaceId: requiredUuid(),
      customerId: requiredUuid(),
      channelId: requiredUuid(),
      externalId: requiredText(),
      ...timestampColumns(),
    },
    modelOptions(sequelize, 'customer_identities'),
  );

  const ConversationModel = class extends Conversation {};
  ConversationModel.init(
    {
      id: uuidPrimaryKey(),
      workspaceId: requiredUuid(),
      botId: requiredUuid(),
      channelId: requiredUuid(),
      customerId: requiredUuid(),
      status: { type: DataTypes.TEXT, allowNull: false, defaultValue: 'bot' },
      assigneeId: optionalUuid(),
      subject: optionalText(),
      lastMessageSeq: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      processedInboundSeq: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      lastMessageAt: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      closedAt: optionalDate(),
      ...timestampColumns(),
    },
    modelOptions(sequelize, 'conversations'),
  );

  const MessageModel = class extends Message {};
  MessageModel.init(
    {
      id: uuidPrimaryKey(),
      workspaceId: requiredUuid(),
      conversationId: requiredUuid(),
      channelId: requiredUuid(),
      seq: { type: DataTypes.INTEGER, allowNull: false },
      direction: requiredText(),
      senderType: requiredText(),
      senderId: optionalUuid(),
      text: { type: DataTypes.TEXT, allowNull: false, defaultValue: '' },
      attachments: jsonb([]),
      platformMessageId: optionalText(),
      status: { type: DataTypes.TEXT, allowNull: false, defaultValue: 'received' },
      error: optionalText(),
      traceId: optionalText(),
      metadata: jsonb({}),
      replyToMessageId: optionalUuid(),
      ...timestampColumns(),
    },
    modelOptions(sequelize, 'messages'),
  );

  return {
    Customer: CustomerModel,
    CustomerIdentity: IdentityModel,
    Conversation: ConversationModel,
    Message: MessageModel,
  };
}
