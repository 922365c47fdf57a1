import {
  type CreationOptional,
  DataTypes,
  type InferAttributes,
  type InferCreationAttributes,
  Model,
  type Sequelize,
} from 'sequelize';
import type { Availability, MemberRole, TenancyMode } from '@cxgenie/contracts';
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

export class Workspace extends Model<
  InferAttributes<Workspace>,
  InferCreationAttributes<Workspace>
> {
  declare id: CreationOptional<string>;
  declare name: string;
  declare slug: string;
  declare tenancyMode: CreationOptional<TenancyMode>;
  declare databaseName: CreationOptional<string | null>;
  declare timezone: CreationOptional<string>;
  declare settings: CreationOptional<Record<string, unknown>>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
  declare deletedAt: CreationOptional<Date | null>;
}

export class User extends Model<InferAttributes<User>, InferCreationAttributes<User>> {
  declare id: CreationOptional<string>;
  declare email: string;
  declare name: string;
  declare passwordHash: string;
  declare lastLoginAt: CreationOptional<Date | null>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
  declare deletedAt: CreationOptional<Date | null>;
}

export class WorkspaceMember extends Model<
  InferAttributes<WorkspaceMember>,
  InferCreationAttributes<WorkspaceMember>
> {
  declare id: CreationOptional<string>;
  declare workspaceId: string;
  declare userId: string;
  declare role: MemberRole;
  declare availability: CreationOptional<Availability>;
  declare maxConcurrentConversations: CreationOptional<number>;
  declare lastSeenAt: CreationOptional<Date | null>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
  declare deletedAt: CreationOptional<Date | null>;
}

export class Invitation extends Model<
  InferAttributes<Invitation>,
  InferCreationAttributes<Invitation>
> {
  declare id: CreationOptional<string>;
  declare workspaceId: string;
  declare email: string;
  declare role: Exclude<MemberRole, 'owner'>;
  declare tokenHash: string;
  declare invitedBy: string | null;
  declare expiresAt: Date;
  declare acceptedAt: CreationOptional<Date | null>;
  declare revokedAt: CreationOptional<Date | null>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export function initWorkspaceModels(sequelize: Sequelize) {
  const WorkspaceModel = class extends Workspace {};
  WorkspaceModel.init(
    {
      id: uuidPrimaryKey(),
      name: requiredText(),
      slug: requiredText(),
      tenancyMode: { type: DataTypes.TEXT, allowNull: false, defaultValue: 'shared' },
      databaseName: optionalText(),
      timezone: { type: DataTypes.TEXT, allowNull: false, defaultValue: 'UTC' },
      settings: jsonb({}),
      ...timestampColumns(),
      deletedAt: optionalDate(),
    },
    modelOptions(sequelize, 'workspaces', { paranoid: true }),
  );

  const UserModel = class extends User {};
  UserModel.init(
    {
      id: uuidPrimaryKey(),
      email: requiredText(),
      name: requiredText(),
      passwordHash: requiredText(),
      lastLoginAt: optionalDate(),
      ...timestampColumns(),
      deletedAt: optionalDate(),
    },
    modelOptions(sequelize, 'users', { paranoid: true }),
  );

  const MemberModel = class extends WorkspaceMember {};
  MemberModel.init(
    {
      id: uuidPrimaryKey(),
      workspaceId: requiredUuid(),
      userId: requiredUuid(),
      role: requiredText(),
      availability: { type: DataTypes.TEXT, allowNull: false, defaultValue: 'offline' },
      maxConcurrentConversations: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 5 },
      lastSeenAt: optionalDate(),
      ...timestampColumns(),
      deletedAt: optionalDate(),
    },
    modelOptions(sequelize, 'workspace_members', { paranoid: true }),
  );
  MemberModel.belongsTo(UserModel, { as: 'user', foreignKey: 'userId' });

  const InvitationModel = class extends Invitation {};
  InvitationModel.init(
    {
      id: uuidPrimaryKey(),
      workspaceId: requiredUuid(),
      email: requiredText(),
      role: requiredText(),
      tokenHash: requiredText(),
      invitedBy: optionalUuid(),
      expiresAt: { type: DataTypes.DATE, allowNull: false },
      acceptedAt: optionalDate(),
      revokedAt: optionalDate(),
      ...timestampColumns(),
    },
    modelOptions(sequelize, 'invitations'),
  );

  return {
    Workspace: WorkspaceModel,
    User: UserModel,
    WorkspaceMember: MemberModel,
    Invitation: InvitationModel,
  };
}
