import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { FlagsClient } from '@cxgenie/flags';
import { CurrentPrincipal } from '../../core-modules/auth/auth.decorators';
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
  constructor(private readonly flags: FlagsClient) {}

  @Get()
  @ApiOkResponse({ type: FlagsResponse })
  async list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: FlagsQuery,
  ): Promise<FlagsResponse> {
    const flags = await this.flags.all({
      workspaceId: principal.workspaceId,
      userId: principal.kind === 'user' ? principal.userId : null,
      botId: query.botId ?? null,
    });
    return { flags };
  }
}
