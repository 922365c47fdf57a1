import {
  type CreationOptional,
  DataTypes,
  type InferAttributes,
  type InferCreationAttributes,
  Model,
  type Sequelize,
} from 'sequelize';
import type { KnowledgeSourceStatus, KnowledgeSourceType } from '@cxgenie/contracts';
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

export class KnowledgeSource extends Model<
  InferAttributes<KnowledgeSource>,
  InferCreationAttributes<KnowledgeSource>
> {
  declare id: CreationOptional<string>;
  declare workspaceId: string;
  declare botId: string;
  declare type: KnowledgeSourceType;
  declare name: string;
  declare status: CreationOptional<KnowledgeSourceStatus>;
  declare progress: CreationOptional<number>;
  declare error: CreationOptional<string | null>;
  declare config: CreationOptional<Record<string, unknown>>;
  declare stats: CreationOptional<Record<string, number>>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
  declare deletedAt: CreationOptional<Date | null>;
}

export class Document extends Model<InferAttributes<Document>, InferCreationAttributes<Document>> {
  declare id: CreationOptional<string>;
  declare workspaceId: string;
  declare sourceId: string;
  declare botId: string;
  declare filename: string;
  declare mimeType: string;
  declare sizeBytes: number;
  declare storageKey: string;
  declare sha256: string;
  declare pageCount: CreationOptional<number | null>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
  declare deletedAt: CreationOptional<Date | null>;
}

export class KnowledgeChunk extends Model<
  InferAttributes<KnowledgeChunk>,
  InferCreationAttributes<KnowledgeChunk>
> {
  declare id: CreationOptional<string>;
  declare workspaceId: string;
  declare botId: string;
  declare sourceId: string;
  declare documentId: string | null;
  declare position: number;
  declare text: string;
  declare contentHash: string;
  declare tokenCount: number;
  declare metadata: CreationOptional<Record<string, unknown>>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export class Faq extends Model<InferAttributes<Faq>, InferCreationAttributes<Faq>> {
  declare id: CreationOptional<string>;
  declare workspaceId: string;
  declare botId: string;
  declare question: string;
  declare answer: string;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
  declare deletedAt: CreationOptional<Date | null>;
}

export class Snippet extends Model<InferAttributes<Snippet>, InferCreationAttributes<Snippet>> {
  declare id: CreationOptional<string>;
  declare workspaceId: string;
  declare botId: string;
  declare title: string;
  declare content: string;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
  declare deletedAt: CreationOptional<Date | null>;
}

export function initKnowledgeModels(sequelize: Sequelize) {
  const SourceModel = class extends KnowledgeSource {};
  SourceModel.init(
    {
      id: uuidPrimaryKey(),
      workspaceId: requiredUuid(),
      botId: requiredUuid(),
      type: requiredText(),
      name: requiredText(),
      status: { type: DataTypes.TEXT, allowNull: false, defaultValue: 'queued' },
      progress: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      error: optionalText(),
      config: jsonb({}),
      stats: jsonb({}),
      ...timestampColumns(),
      deletedAt: optionalDate(),
    },
    modelOptions(sequelize, 'knowledge_sources', { paranoid: true }),
  );

  const DocumentModel = class extends Document {};
  DocumentModel.init(
    {
      id: uuidPrimaryKey(),
      workspaceId: requiredUuid(),
      sourceId: requiredUuid(),
      botId: requiredUuid(),
      filename: requiredText(),
      mimeType: requiredText(),
      sizeBytes: { type: DataTypes.BIGINT, allowNull: false },
      storageKey: requiredText(),
      sha256: requiredText(),
      pageCount: { type: DataTypes.INTEGER, allowNull: true },
      ...timestampColumns(),
      deletedAt: optionalDate(),
    },
    modelOptions(sequelize, 'documents', { paranoid: true }),
  );

  const ChunkModel = class extends KnowledgeChunk {};
  ChunkModel.init(
    {
      id: uuidPrimaryKey(),
      workspaceId: requiredUuid(),
      botId: requiredUuid(),
      sourceId: requiredUuid(),
      documentId: optionalUuid(),
      position: { type: DataTypes.INTEGER, allowNull: false },
      text: requiredText(),
      contentHash: requiredText(),
      tokenCount: { type: DataTypes.INTEGER, allowNull: false },
      metadata: jsonb({}),
      ...timestampColumns(),
    },
    modelOptions(sequelize, 'knowledge_chunks'),
  );

  const FaqModel = class extends Faq {};
  FaqModel.init(
    {
      id: uuidPrimaryKey(),
      workspaceId: requiredUuid(),
      botId: requiredUuid(),
      question: requiredText(),
      answer: requiredText(),
      ...timestampColumns(),
      deletedAt: optionalDate(),
    },
    modelOptions(sequelize, 'faqs', { paranoid: true }),
  );

  const SnippetModel = class extends Snippet {};
  SnippetModel.init(
    {
      id: uuidPrimaryKey(),
      workspaceId: requiredUuid(),
      botId: requiredUuid(),
      title: requiredText(),
      content: requiredText(),
      ...timestampColumns(),
      deletedAt: optionalDate(),
    },
    modelOptions(sequelize, 'snippets', { paranoid: true }),
  );

  return {
    KnowledgeSource: SourceModel,
    Document: DocumentModel,
    KnowledgeChunk: ChunkModel,
    Faq: FaqModel,
    Snippet: SnippetModel,
  };
}
