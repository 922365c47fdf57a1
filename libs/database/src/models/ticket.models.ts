import {
  type CreationOptional,
  DataTypes,
  type InferAttributes,
  type InferCreationAttributes,
  Model,
  type Sequelize,
} from 'sequelize';
import type { TicketPriority, TicketStatus } from '@cxgenie/contracts';
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

export class Ticket extends Model<InferAttributes<Ticket>, InferCreationAttributes<Ticket>> {
  declare id: CreationOptional<string>;
  declare workspaceId: string;
  declare conversationId: string;
  declare subject: string;
  declare status: CreationOptional<TicketStatus>;
  declare priority: CreationOptional<TicketPriority>;
  declare assigneeId: CreationOptional<string | null>;
  declare tags: CreationOptional<string[]>;
  declare context: CreationOptional<Record<string, unknown>>;
  declare firstResponseDueAt: CreationOptional<Date | null>;
  declare resolutionDueAt: CreationOptional<Date | null>;
  declare firstRespondedAt: CreationOptional<Date | null>;
  declare solvedAt: CreationOptional<Date | null>;
  declare closedAt: CreationOptional<Date | null>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export class TicketEvent extends Model<
  InferAttributes<TicketEvent>,
  InferCreationAttributes<TicketEvent>
> {
  declare id: CreationOptional<string>;
  declare workspaceId: string;
  declare ticketId: string;
  declare type: string;
  declare actorType: 'agent' | 'bot' | 'system' | 'customer';
  declare actorId: CreationOptional<string | null>;
  declare data: CreationOptional<Record<string, unknown>>;
  declare createdAt: CreationOptional<Date>;
}

export class CsatRating extends Model<
  InferAttributes<CsatRating>,
  InferCreationAttributes<CsatRating>
> {
  declare id: CreationOptional<string>;
  declare workspaceId: string;
  declare conversationId: string;
  declare customerId: string;
  declare agentId: CreationOptional<string | null>;
  declare botId: CreationOptional<string | null>;
  declare rating: number;
  declare comment: CreationOptional<string | null>;
  declare createdAt: CreationOptional<Date>;
}

export function initTicketModels(sequelize: Sequelize) {
  const TicketModel = class extends Ticket {};
  TicketModel.init(
    {
      id: uuidPrimaryKey(),
      workspaceId: requiredUuid(),
      conversationId: requiredUuid(),
      subject: requiredText(),
      status: { type: DataTypes.TEXT, allowNull: false, defaultValue: 'open' },
      priority: { type: DataTypes.TEXT, allowNull: false, defaultValue: 'normal' },
      assigneeId: optionalUuid(),
      tags: jsonb([]),
      context: jsonb({}),
      firstResponseDueAt: optionalDate(),
      resolutionDueAt: optionalDate(),
      firstRespondedAt: optionalDate(),
      solvedAt: optionalDate(),
      closedAt: optionalDate(),
      ...timestampColumns(),
    },
    modelOptions(sequelize, 'tickets'),
  );

  const EventModel = class extends TicketEvent {};
  EventModel.init(
    {
      id: uuidPrimaryKey(),
      workspaceId: requiredUuid(),
      ticketId: requiredUuid(),
      type: requiredText(),
      actorType: requiredText(),
      actorId: optionalUuid(),
      data: jsonb({}),
      createdAt: { type: DataTypes.DATE, allowNull: false },
    },
    modelOptions(sequelize, 'ticket_events', { updatedAt: false }),
  );

  const CsatModel = class extends CsatRating {};
  CsatModel.init(
    {
      id: uuidPrimaryKey(),
      workspaceId: requiredUuid(),
      conversationId: requiredUuid(),
      customerId: requiredUuid(),
      agentId: optionalUuid(),
      botId: optionalUuid(),
      rating: { type: DataTypes.SMALLINT, allowNull: false },
      comment: optionalText(),
      createdAt: { type: DataTypes.DATE, allowNull: false },
    },
    modelOptions(sequelize, 'csat_ratings', { updatedAt: false }),
  );

  return { Ticket: TicketModel, TicketEvent: EventModel, CsatRating: CsatModel };
}
