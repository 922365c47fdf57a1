import { Body, Controller, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { CsatSubmittedPayload } from '@cxgenie/contracts';
import type { TenantScope } from '@cxgenie/database';
import { CurrentPrincipal, Tenant, WidgetAccess } from '../../../core-modules/auth/auth.decorators';
import type { Principal } from '../../../core-modules/auth/principal';
import { ResourceNotFoundException } from '../../../core-modules/http/resource-not-found.exception';
import { CsatSubmitDto } from '../../conversations/dto/conversation-actions.dto';
import { SubmitCsat } from '../../conversations/usecases/submit-csat/submit-csat.usecase';

/** The widget customer's rating of their closed conversation (the socket's `csat.submit` is the other way). */
@ApiTags('widget')
@ApiBearerAuth()
@WidgetAccess()
@Controller('api/v1/widget/csat')
export class WidgetCsatController {
  constructor(private readonly submitCsat: SubmitCsat) {}

  @Post()
  @ApiCreatedResponse({ description: 'The rating, linked to the agent and the bot' })
  @ApiBadRequestResponse({ description: 'Rating outside 1–5, or a bad conversation id' })
  @ApiNotFoundResponse({ description: "Not this customer's conversation" })
  @ApiConflictResponse({ description: 'Not closed, not asked, too late, or already rated' })
  submit(
    @Tenant() scope: TenantScope,
    @CurrentPrincipal() principal: Principal,
    @Body() body: CsatSubmitDto,
  ): Promise<CsatSubmittedPayload> {
    if (principal.kind !== 'widget') throw new ResourceNotFoundException('Conversation');
    return this.submitCsat.execute(scope, { ...body, customerId: principal.customerId });
  }
}
