import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { BotRepository, type TenantScope } from '@cxgenie/database';
import { FlagsClient } from '@cxgenie/flags';
import { CurrentPrincipal, Tenant } from '../../core-modules/auth/auth.decorators';
import { ResourceNotFoundException } from '../../core-modules/http/resource-not-found.exception';
import type { Principal } from '../../core-modules/auth/principal';
import { FlagEvaluationResponse, FlagsQuery, FlagsResponse } from './dto/flags.dto';

/**
 * The dashboard's flags: every flag for the caller (workspace and member, and a bot when asked),
 * after which `flag.changed` on the agent socket brings each change that affects them.
 */
@ApiTags('flags')
@ApiBearerAuth()
@ApiExtraModels(FlagEvaluationResponse)
@Controller('api/v1/flags')
export class FlagsController {
  constructor(
    private readonly flags: FlagsClient,
    private readonly bots: BotRepository,
  ) {}

  @Get()
  @ApiOkResponse({ type: FlagsResponse })
  async list(
    @CurrentPrincipal() principal: Principal,
    @Tenant() scope: TenantScope,
    @Query() query: FlagsQuery,
  ): Promise<FlagsResponse> {
    // Another workspace's bot is no context of this caller's.
    if (query.botId && !(await this.bots.findById(scope, query.botId)))
      throw new ResourceNotFoundException('Bot');
    const flags = await this.flags.all({
      workspaceId: principal.workspaceId,
      userId: principal.kind === 'user' ? principal.userId : null,
      botId: query.botId ?? null,
    });
    return { flags };
  }
}
