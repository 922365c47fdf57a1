import {
  DataTypes,
  type ModelAttributeColumnOptions,
  type ModelOptions,
  type Sequelize,
} from 'sequelize';

export const uuidPrimaryKey = (): ModelAttributeColumnOptions => ({
  type: DataTypes.UUID,
  primaryKey: true,
  defaultValue: DataTypes.UUIDV4,
});

export const requiredUuid = (): ModelAttributeColumnOptions => ({
  type: DataTypes.UUID,
  allowNull: false,
});
export const optionalUuid = (): ModelAttributeColumnOptions => ({
  type: DataTypes.UUID,
  allowNull: true,
});
export const requiredText = (): ModelAttributeColumnOptions => ({
  type: DataTypes.TEXT,
  allowNull: false,
});
export const optionalText = (): ModelAttributeColumnOptions => ({
  type: DataTypes.TEXT,
  allowNull: true,
});
export const optionalDate = (): ModelAttributeColumnOptions => ({
  type: DataTypes.DATE,
  allowNull: true,
});
export const jsonb = (defaultValue: unknown): ModelAttributeColumnOptions => ({
  type: DataTypes.JSONB,
  allowNull: false,
  defaultValue,
});
export const timestampColumns = () => ({
  createdAt: { type: DataTypes.DATE, allowNull: false },
  updatedAt: { type: DataTypes.DATE, allowNull: false },
});

export const modelOptions = (
  sequelize: Sequelize,
  tableName: string,
  extra: Partial<ModelOptions> = {},
) => ({
  sequelize,
  tableName,
  modelName: tableName,
  underscored: true,
  timestamps: true,
  ...extra,
});
