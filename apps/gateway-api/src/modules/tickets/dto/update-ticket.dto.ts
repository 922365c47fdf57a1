import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsString, Length } from 'class-validator';
import {
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  type TicketPriority,
  type TicketStatus,
} from '@cxgenie/contracts';
import { Omittable, Trim } from '../../../core-modules/http/validation';

export class UpdateTicketDto {
  @ApiPropertyOptional({
    enum: TICKET_STATUSES,
    description: 'open → pending → solved → closed; a solved ticket may reopen, a closed one not',
  })
  @Omittable()
  @IsIn(TICKET_STATUSES)
  status?: TicketStatus;

  @ApiPropertyOptional({
    enum: TICKET_PRIORITIES,
    description: 'Recomputes the SLA targets not reached yet',
  })
  @Omittable()
  @IsIn(TICKET_PRIORITIES)
  priority?: TicketPriority;

  @ApiPropertyOptional({ type: [String], maxItems: 20, description: 'Replaces the tags' })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 50, { each: true })
  tags?: string[];

  @ApiPropertyOptional({ minLength: 1, maxLength: 200 })
  @Omittable()
  @Trim()
  @IsString()
  @Length(1, 200)
  subject?: string;
}
