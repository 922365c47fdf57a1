import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { TenantScope } from '@cxgenie/database';
import { Roles, Tenant } from '../../core-modules/auth/auth.decorators';
import { IdParamPipe } from '../../core-modules/http/id-param.pipe';
import { PaginationQueryDto } from '../../core-modules/http/pagination.dto';
import {
  BotDetailResponse,
  BotPageResponse,
  BotResponse,
  CreateBotDto,
  IdentitySecretResponse,
  UpdateBotDto,
} from './dto/bot.dto';
import { CreateBot } from './usecases/create-bot/create-bot.usecase';
import { DeleteBot } from './usecases/delete-bot/delete-bot.usecase';
import { GetBot } from './usecases/get-bot/get-bot.usecase';
import { ListBots } from './usecases/list-bots/list-bots.usecase';
import { RotateBotIdentitySecret } from './usecases/rotate-bot-identity-secret/rotate-bot-identity-secret.usecase';
import { RotateBotPublicKey } from './usecases/rotate-bot-public-key/rotate-bot-public-key.usecase';
import { UpdateBot } from './usecases/update-bot/update-bot.usecase';

@ApiTags('bots')
@ApiBearerAuth()
@ApiForbiddenResponse({ description: 'Writes need the admin role' })
@Controller('api/v1/bots')
export class BotsController {
  constructor(
    private readonly createBot: CreateBot,
    private readonly listBots: ListBots,
    private readonly getBot: GetBot,
    private readonly updateBot: UpdateBot,
    private readonly deleteBot: DeleteBot,
    private readonly rotatePublicKey: RotateBotPublicKey,
    private readonly rotateIdentity: RotateBotIdentitySecret,
  ) {}

  @Roles('admin')
  @Post()
  @ApiCreatedResponse({ type: BotResponse })
  @ApiBadRequestResponse({ description: 'Invalid settings; details name each field' })
  create(@Tenant() scope: TenantScope, @Body() body: CreateBotDto): Promise<BotResponse> {
    return this.createBot.execute(scope, body);
  }

  @Get()
  @ApiOkResponse({ type: BotPageResponse })
  @ApiBadRequestResponse({ description: 'Invalid limit or cursor' })
  list(@Tenant() scope: TenantScope, @Query() query: PaginationQueryDto) {
    return this.listBots.execute(scope, query);
  }

  @Get(':id')
  @ApiOkResponse({ type: BotDetailResponse })
  @ApiNotFoundResponse({ description: 'No such bot in this workspace' })
  get(
    @Tenant() scope: TenantScope,
    @Param('id', IdParamPipe) id: string,
  ): Promise<BotDetailResponse> {
    return this.getBot.execute(scope, id);
  }

  @Roles('admin')
  @Patch(':id')
  @ApiOkResponse({ type: BotResponse })
  @ApiBadRequestResponse({ description: 'Invalid settings; details name each field' })
  @ApiNotFoundResponse({ description: 'No such bot in this workspace' })
  update(
    @Tenant() scope: TenantScope,
    @Param('id', IdParamPipe) id: string,
    @Body() body: UpdateBotDto,
  ): Promise<BotResponse> {
    return this.updateBot.execute(scope, id, body);
  }

  @Roles('admin')
  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Soft-deleted' })
  @ApiNotFoundResponse({ description: 'No such bot in this workspace' })
  async remove(@Tenant() scope: TenantScope, @Param('id', IdParamPipe) id: string): Promise<void> {
    await this.deleteBot.execute(scope, id);
  }

  /** Stops every embed of the old key from starting new widget sessions. */
  @Roles('admin')
  @Post(':id/rotate-public-key')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: BotResponse })
  @ApiNotFoundResponse({ description: 'No such bot in this workspace' })
  rotate(@Tenant() scope: TenantScope, @Param('id', IdParamPipe) id: string): Promise<BotResponse> {
    return this.rotatePublicKey.execute(scope, id);
  }

  /**
   * Issues (or replaces) the secret the bot's site signs visitor ids with; shown only in this
   * response. Visitors signed with a replaced secret no longer resume their conversations.
   */
  @Roles('admin')
  @Post(':id/identity-secret')
  @ApiCreatedResponse({ type: IdentitySecretResponse })
  @ApiNotFoundResponse({ description: 'No such bot in this workspace' })
  rotateIdentitySecret(
    @Tenant() scope: TenantScope,
    @Param('id', IdParamPipe) id: string,
  ): Promise<IdentitySecretResponse> {
    return this.rotateIdentity.execute(scope, id);
  }
}
