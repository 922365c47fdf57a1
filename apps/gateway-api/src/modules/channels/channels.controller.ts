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
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { TenantScope } from '@cxgenie/database';
import { Roles, Tenant } from '../../core-modules/auth/auth.decorators';
import { IdParamPipe } from '../../core-modules/http/id-param.pipe';
import {
  ChannelPageResponse,
  ChannelResponse,
  CreateChannelDto,
  UpdateChannelDto,
  WebhookSecretResponse,
} from './dto/channel.dto';
import { ListChannelsQueryDto } from './dto/list-channels.query';
import { CreateChannel } from './usecases/create-channel/create-channel.usecase';
import { DeleteChannel } from './usecases/delete-channel/delete-channel.usecase';
import { GetChannel } from './usecases/get-channel/get-channel.usecase';
import { ListChannels } from './usecases/list-channels/list-channels.usecase';
import { RotateWebhookSecret } from './usecases/rotate-webhook-secret/rotate-webhook-secret.usecase';
import { UpdateChannel } from './usecases/update-channel/update-channel.usecase';

const NOT_FOUND = 'No such channel in this workspace';
const INVALID =
  'Invalid fields, or credentials/settings that do not fit the type; details name each';

@ApiTags('channels')
@ApiBearerAuth()
@ApiForbiddenResponse({ description: 'Writes need the admin role' })
@Controller('api/v1/channels')
export class ChannelsController {
  constructor(
    private readonly createChannel: CreateChannel,
    private readonly listChannels: ListChannels,
    private readonly getChannel: GetChannel,
    private readonly updateChannel: UpdateChannel,
    private readonly deleteChannel: DeleteChannel,
    private readonly rotateWebhookSecret: RotateWebhookSecret,
  ) {}

  @Roles('admin')
  @Post()
  @ApiCreatedResponse({ type: ChannelResponse })
  @ApiBadRequestResponse({ description: INVALID })
  @ApiUnprocessableEntityResponse({ description: 'botId is not a bot of this workspace' })
  @ApiConflictResponse({ description: 'externalId is already connected for this type' })
  create(@Tenant() scope: TenantScope, @Body() body: CreateChannelDto): Promise<ChannelResponse> {
    return this.createChannel.execute(scope, body);
  }

  @Get()
  @ApiOkResponse({ type: ChannelPageResponse })
  @ApiBadRequestResponse({ description: 'Invalid filter, limit or cursor' })
  list(@Tenant() scope: TenantScope, @Query() query: ListChannelsQueryDto) {
    return this.listChannels.execute(scope, query);
  }

  @Get(':id')
  @ApiOkResponse({ type: ChannelResponse })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  get(
    @Tenant() scope: TenantScope,
    @Param('id', IdParamPipe) id: string,
  ): Promise<ChannelResponse> {
    return this.getChannel.execute(scope, id);
  }

  /** Credentials and settings are merged into the stored ones; a null removes a key. */
  @Roles('admin')
  @Patch(':id')
  @ApiOkResponse({ type: ChannelResponse })
  @ApiBadRequestResponse({ description: INVALID })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiUnprocessableEntityResponse({ description: 'botId is not a bot of this workspace' })
  @ApiConflictResponse({ description: 'externalId is already connected for this type' })
  update(
    @Tenant() scope: TenantScope,
    @Param('id', IdParamPipe) id: string,
    @Body() body: UpdateChannelDto,
  ): Promise<ChannelResponse> {
    return this.updateChannel.execute(scope, id, body);
  }

  @Roles('admin')
  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Soft-deleted' })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  async remove(@Tenant() scope: TenantScope, @Param('id', IdParamPipe) id: string): Promise<void> {
    await this.deleteChannel.execute(scope, id);
  }

  /** Returns the new secret once; the previous one stops verifying immediately. */
  @Roles('admin')
  @Post(':id/rotate-webhook-secret')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: WebhookSecretResponse })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  rotate(
    @Tenant() scope: TenantScope,
    @Param('id', IdParamPipe) id: string,
  ): Promise<WebhookSecretResponse> {
    return this.rotateWebhookSecret.execute(scope, id);
  }
}
