import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { TicketPayload } from '@cxgenie/contracts';
import { TicketReader, TicketsException, TicketsExceptionCode } from '@cxgenie/conversations';
import type { TenantScope } from '@cxgenie/database';
import { CurrentPrincipal, Tenant } from '../../core-modules/auth/auth.decorators';
import type { Principal } from '../../core-modules/auth/principal';
import { IdParamPipe } from '../../core-modules/http/id-param.pipe';
import { PaginationQueryDto, type PageResponse } from '../../core-modules/http/pagination.dto';
import { AddNoteDto } from './dto/add-note.dto';
import { AssignTicketDto } from './dto/assign-ticket.dto';
import { ListTicketsQuery } from './dto/list-tickets.query';
import { UpdateTicketDto } from './dto/update-ticket.dto';
import { TicketRoutesException, TicketRoutesExceptionCode } from './tickets.exception';
import { AddTicketNote } from './usecases/add-ticket-note/add-ticket-note.usecase';
import { AssignTicket } from './usecases/assign-ticket/assign-ticket.usecase';
import { ListTicketEvents } from './usecases/list-ticket-events/list-ticket-events.usecase';
import {
  type TicketHistoryEntry,
  type TicketNote,
  presentHistoryEntry,
  presentNote,
} from './usecases/list-ticket-events/ticket-event.presenter';
import { ListTickets } from './usecases/list-tickets/list-tickets.usecase';
import { UpdateTicket } from './usecases/update-ticket/update-ticket.usecase';

const TICKET = {
  description:
    'A ticket: status, priority, tags, assignee, the handoff context (customer, channel, question, ' +
    "the bot's attempted answer, sources, transcript) and its SLA targets",
};

@ApiTags('tickets')
@ApiBearerAuth()
@Controller('api/v1/tickets')
export class TicketsController {
  constructor(
    private readonly listTickets: ListTickets,
    private readonly updateTicket: UpdateTicket,
    private readonly assignTicket: AssignTicket,
    private readonly addNote: AddTicketNote,
    private readonly listEvents: ListTicketEvents,
    private readonly tickets: TicketReader,
  ) {}

  @Get()
  @ApiOkResponse({ description: '{ items, nextCursor }: newest first' })
  list(
    @Tenant() scope: TenantScope,
    @Query() query: ListTicketsQuery,
  ): Promise<PageResponse<TicketPayload>> {
    return this.listTickets.execute(scope, { ...query, unassigned: query.unassigned === 'true' });
  }

  @Get(':id')
  @ApiOkResponse(TICKET)
  @ApiNotFoundResponse({ description: 'No such ticket in this workspace' })
  async get(
    @Tenant() scope: TenantScope,
    @Param('id', IdParamPipe) id: string,
  ): Promise<TicketPayload> {
    const ticket = await this.tickets.byId(scope, id);
    if (!ticket) throw TicketsException.of(TicketsExceptionCode.TICKET_NOT_FOUND);
    return ticket;
  }

  @Patch(':id')
  @ApiOkResponse(TICKET)
  @ApiNotFoundResponse({ description: 'No such ticket in this workspace' })
  @ApiConflictResponse({
    description: 'The ticket is closed, or reopening it would give its conversation two',
  })
  update(
    @Tenant() scope: TenantScope,
    @CurrentPrincipal() principal: Principal,
    @Param('id', IdParamPipe) ticketId: string,
    @Body() body: UpdateTicketDto,
  ): Promise<TicketPayload> {
    return this.updateTicket.execute(scope, { principal, ticketId, ...body });
  }

  /** Assigns, reassigns (assigneeId set) or unassigns (null) a ticket. */
  @Post(':id/assign')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse(TICKET)
  @ApiNotFoundResponse({ description: 'No such ticket in this workspace' })
  @ApiConflictResponse({ description: 'The ticket is not active, or the member is offline' })
  assign(
    @Tenant() scope: TenantScope,
    @CurrentPrincipal() principal: Principal,
    @Param('id', IdParamPipe) ticketId: string,
    @Body() body: AssignTicketDto,
  ): Promise<TicketPayload> {
    return this.assignTicket.execute(scope, {
      principal,
      ticketId,
      assigneeId: body.assigneeId,
      mode: 'manual',
    });
  }

  /** The caller takes an unassigned ticket. */
  @Post(':id/claim')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse(TICKET)
  @ApiForbiddenResponse({ description: 'Only a signed-in member can claim' })
  @ApiNotFoundResponse({ description: 'No such ticket in this workspace' })
  @ApiConflictResponse({ description: 'The ticket is not active, or someone else has it' })
  claim(
    @Tenant() scope: TenantScope,
    @CurrentPrincipal() principal: Principal,
    @Param('id', IdParamPipe) ticketId: string,
  ): Promise<TicketPayload> {
    if (principal.kind !== 'user')
      throw TicketRoutesException.of(TicketRoutesExceptionCode.CLAIM_REQUIRES_MEMBER);
    return this.assignTicket.execute(scope, {
      principal,
      ticketId,
      assigneeId: principal.userId,
      mode: 'claim',
    });
  }

  @Get(':id/notes')
  @ApiOkResponse({ description: '{ items, nextCursor }: internal notes, oldest first' })
  @ApiNotFoundResponse({ description: 'No such ticket in this workspace' })
  async notes(
    @Tenant() scope: TenantScope,
    @Param('id', IdParamPipe) ticketId: string,
    @Query() query: PaginationQueryDto,
  ): Promise<PageResponse<TicketNote>> {
    const page = await this.listEvents.execute(scope, {
      ticketId,
      type: 'ticket.note_added',
      ...query,
    });
    return {
      items: page.items.map((row) => presentNote(ticketId, row)),
      nextCursor: page.nextCursor,
    };
  }

  @Post(':id/notes')
  @ApiCreatedResponse({ description: 'The note' })
  @ApiNotFoundResponse({ description: 'No such ticket in this workspace' })
  addNoteTo(
    @Tenant() scope: TenantScope,
    @CurrentPrincipal() principal: Principal,
    @Param('id', IdParamPipe) ticketId: string,
    @Body() body: AddNoteDto,
  ): Promise<TicketNote> {
    return this.addNote.execute(scope, principal, ticketId, body.text);
  }

  @Get(':id/history')
  @ApiOkResponse({ description: '{ items, nextCursor }: every change of the ticket, oldest first' })
  @ApiNotFoundResponse({ description: 'No such ticket in this workspace' })
  async history(
    @Tenant() scope: TenantScope,
    @Param('id', IdParamPipe) ticketId: string,
    @Query() query: PaginationQueryDto,
  ): Promise<PageResponse<TicketHistoryEntry>> {
    const page = await this.listEvents.execute(scope, { ticketId, ...query });
    return { items: page.items.map(presentHistoryEntry), nextCursor: page.nextCursor };
  }
}
