import { Body, Controller, Get, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { TenantScope } from '@cxgenie/database';
import {
  CurrentPrincipal,
  Public,
  Tenant,
  WidgetAccess,
} from '../../../core-modules/auth/auth.decorators';
import type { Principal } from '../../../core-modules/auth/principal';
import {
  StartWidgetSessionDto,
  WidgetSessionInfoResponse,
  WidgetSessionResponse,
} from './dto/widget-session.dto';
import { GetWidgetSession } from './usecases/get-widget-session/get-widget-session.usecase';
import { StartWidgetSession } from './usecases/start-widget-session/start-widget-session.usecase';

@ApiTags('widget')
@Controller('api/v1/widget')
export class WidgetController {
  constructor(
    private readonly startSession: StartWidgetSession,
    private readonly getSession: GetWidgetSession,
  ) {}

  /** Called by the widget script on page load; the same externalId resumes the same customer. */
  @Public()
  @Post('sessions')
  @ApiCreatedResponse({ type: WidgetSessionResponse })
  @ApiBadRequestResponse({ description: 'Invalid body; details name each field' })
  @ApiNotFoundResponse({ description: 'No active bot has this key' })
  start(@Body() body: StartWidgetSessionDto): Promise<WidgetSessionResponse> {
    return this.startSession.execute(body);
  }

  @WidgetAccess()
  @ApiBearerAuth()
  @Get('session')
  @ApiOkResponse({ type: WidgetSessionInfoResponse })
  @ApiForbiddenResponse({ description: 'The bearer is not a widget session' })
  @ApiNotFoundResponse({ description: 'The customer or bot no longer exists' })
  current(
    @Tenant() scope: TenantScope,
    @CurrentPrincipal() principal: Principal,
  ): Promise<WidgetSessionInfoResponse> {
    return this.getSession.execute(scope, principal);
  }
}
