import { Body, Controller, Get, NotFoundException, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { TICKET_PRIORITIES, type TicketPriority } from '@cxgenie/contracts';
import type { TenantScope } from '@cxgenie/database';
import { Roles, Tenant } from '../../core-modules/auth/auth.decorators';
import { PutSlaPolicyDto } from './dto/sla-policy.dto';
import { type SlaPolicyView, SlaPolicyStore } from './sla/sla-policy.store';
import { TicketRoutesException, TicketRoutesExceptionCode } from './tickets.exception';

const isPriority = (value: string): value is TicketPriority =>
  (TICKET_PRIORITIES as readonly string[]).includes(value);

/** First-response and resolution targets per ticket priority; new tickets take them on opening. */
@ApiTags('tickets')
@ApiBearerAuth()
@Controller('api/v1/sla-policies')
export class SlaPoliciesController {
  constructor(private readonly store: SlaPolicyStore) {}

  @Get()
  @ApiOkResponse({ description: '{ items }: one per priority, defaults where none was set' })
  async list(@Tenant() scope: TenantScope): Promise<{ items: SlaPolicyView[] }> {
    return { items: await this.store.all(scope.workspaceId) };
  }

  @Roles('admin')
  @Put(':priority')
  @ApiOkResponse({ description: 'The targets of the priority, as stored' })
  @ApiNotFoundResponse({ description: `No such priority (${TICKET_PRIORITIES.join(', ')})` })
  put(
    @Tenant() scope: TenantScope,
    @Param('priority') priority: string,
    @Body() body: PutSlaPolicyDto,
  ): Promise<SlaPolicyView> {
    if (!isPriority(priority)) throw new NotFoundException('No such priority');
    if (body.resolutionSeconds < body.firstResponseSeconds)
      throw TicketRoutesException.of(TicketRoutesExceptionCode.SLA_TARGETS_OUT_OF_ORDER);
    return this.store.put(scope.workspaceId, priority, body);
  }
}
