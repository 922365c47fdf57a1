import {
  type CreationOptional,
  DataTypes,
  type InferAttributes,
  type InferCreationAttributes,
  Model,
  type Sequelize,
} from 'sequelize';
import {
  modelOptions,
  optionalUuid,
  requiredText,
  requiredUuid,
  uuidPrimaryKey,
} from './model-helpers';

/** Where a piece of work was set aside. */
export type DeadLetterSource = 'inbound' | 'conversation_pipeline';

export class DeadLetter extends Model<
  InferAttributes<DeadLetter>,
  InferCreationAttributes<DeadLetter>
> {
  declare id: CreationOptional<string>;
  declare workspaceId: string;
  declare source: DeadLetterSource;
  declare channelId: CreationOptional<string | null>;
  declare conversationId: CreationOptional<string | null>;
  declare reason: string;
  declare attempts: number;
  /** The original, as JSON text. */
  declare payload: string;
  declare createdAt: CreationOptional<Date>;
}

export function initDeadLetterModels(sequelize: Sequelize) {
  const DeadLetterModel = class extends DeadLetter {};
  DeadLetterModel.init(
    {
      id: uuidPrimaryKey(),
      workspaceId: requiredUuid(),
      source: requiredText(),
      channelId: optionalUuid(),
      conversationId: optionalUuid(),
      reason: requiredText(),
      attempts: { type: DataTypes.INTEGER, allowNull: false },
      payload: requiredText(),
      createdAt: { type: DataTypes.DATE, allowNull: false },
    },
    modelOptions(sequelize, 'dead_letters', { updatedAt: false }),
  );
  return { DeadLetter: DeadLetterModel };
}
