import {
  type CreationOptional,
  DataTypes,
  type InferAttributes,
  type InferCreationAttributes,
  Model,
  type Sequelize,
} from 'sequelize';
import type { MemberRole } from '@cxgenie/contracts';
import {
  modelOptions,
  optionalDate,
  optionalUuid,
  requiredText,
  requiredUuid,
  uuidPrimaryKey,
} from './model-helpers';

export class RefreshToken extends Model<
  InferAttributes<RefreshToken>,
  InferCreationAttributes<RefreshToken>
> {
  declare id: CreationOptional<string>;
  declare userId: string;
  declare workspaceId: string;
  declare familyId: string;
  declare tokenHash: string;
  declare expiresAt: Date;
  declare rotatedAt: CreationOptional<Date | null>;
  declare revokedAt: CreationOptional<Date | null>;
  declare createdAt: CreationOptional<Date>;
}

export class ApiKey extends Model<InferAttributes<ApiKey>, InferCreationAttributes<ApiKey>> {
  declare id: CreationOptional<string>;
  declare workspaceId: string;
  declare name: string;
  declare prefix: string;
  declare keyHash: string;
  declare role: Exclude<MemberRole, 'owner'>;
  declare createdBy: string | null;
  declare lastUsedAt: CreationOptional<Date | null>;
  declare revokedAt: CreationOptional<Date | null>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export function initCredentialModels(sequelize: Sequelize) {
  const RefreshTokenModel = class extends RefreshToken {};
  RefreshTokenModel.init(
    {
      id: uuidPrimaryKey(),
      userId: requiredUuid(),
      workspaceId: requiredUuid(),
      familyId: requiredUuid(),
      tokenHash: requiredText(),
      expiresAt: { type: DataTypes.DATE, allowNull: false },
      rotatedAt: optionalDate(),
      revokedAt: optionalDate(),
      createdAt: { type: DataTypes.DATE, allowNull: false },
    },
    modelOptions(sequelize, 'refresh_tokens', { updatedAt: false }),
  );

  const ApiKeyModel = class extends ApiKey {};
  ApiKeyModel.init(
    {
      id: uuidPrimaryKey(),
      workspaceId: requiredUuid(),
      name: requiredText(),
      prefix: requiredText(),
      keyHash: requiredText(),
      role: requiredText(),
      createdBy: optionalUuid(),
      lastUsedAt: optionalDate(),
      revokedAt: optionalDate(),
      createdAt: { type: DataTypes.DATE, allowNull: false },
      updatedAt: { type: DataTypes.DATE, allowNull: false },
    },
    modelOptions(sequelize, 'api_keys'),
  );

  return { RefreshToken: RefreshTokenModel, ApiKey: ApiKeyModel };
}
