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
import { Roles, Tenant } from '../../../core-modules/auth/auth.decorators';
import { IdParamPipe } from '../../../core-modules/http/id-param.pipe';
import type { PageResponse } from '../../../core-modules/http/pagination.dto';
import { BotIdParamPipe } from '../bot-id.pipe';
import {
  CreateSnippetDto,
  SnippetPageResponse,
  SnippetResponse,
  ListSnippetsQueryDto,
  UpdateSnippetDto,
} from './dto/snippet.dto';
import { presentSnippet } from './snippet.presenter';
import { CreateSnippet } from './usecases/create-snippet/create-snippet.usecase';
import { DeleteSnippet } from './usecases/delete-snippet/delete-snippet.usecase';
import { GetSnippet } from './usecases/get-snippet/get-snippet.usecase';
import { ListSnippets } from './usecases/list-snippets/list-snippets.usecase';
import { UpdateSnippet } from './usecases/update-snippet/update-snippet.usecase';

@ApiTags('knowledge')
@ApiBearerAuth()
@ApiNotFoundResponse({ description: 'Bot (or snippet) not found in this workspace' })
@Controller('api/v1/bots/:botId/snippets')
export class SnippetsController {
  constructor(
    private readonly createSnippet: CreateSnippet,
    private readonly listSnippets: ListSnippets,
    private readonly getSnippet: GetSnippet,
    private readonly updateSnippet: UpdateSnippet,
    private readonly deleteSnippet: DeleteSnippet,
  ) {}

  @Post()
  @Roles('admin')
  @ApiCreatedResponse({ type: SnippetResponse })
  @ApiBadRequestResponse({ description: 'Invalid fields, named in details' })
  @ApiForbiddenResponse({ description: 'Requires the admin role' })
  async create(
    @Tenant() scope: TenantScope,
    @Param('botId', BotIdParamPipe) botId: string,
    @Body() body: CreateSnippetDto,
  ): Promise<SnippetResponse> {
    return presentSnippet(await this.createSnippet.execute(scope, { botId, ...body }));
  }

  @Get()
  @ApiOkResponse({ type: SnippetPageResponse })
  @ApiBadRequestResponse({ description: 'Invalid filter or cursor' })
  async list(
    @Tenant() scope: TenantScope,
    @Param('botId', BotIdParamPipe) botId: string,
    @Query() query: ListSnippetsQueryDto,
  ): Promise<PageResponse<SnippetResponse>> {
    const page = await this.listSnippets.execute(scope, { botId, ...query });
    return { items: page.items.map(presentSnippet), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @ApiOkResponse({ type: SnippetResponse })
  async get(
    @Tenant() scope: TenantScope,
    @Param('botId', BotIdParamPipe) botId: string,
    @Param('id', IdParamPipe) id: string,
  ): Promise<SnippetResponse> {
    return presentSnippet(await this.getSnippet.execute(scope, botId, id));
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOkResponse({ type: SnippetResponse })
  @ApiBadRequestResponse({ description: 'Invalid fields, named in details' })
  @ApiForbiddenResponse({ description: 'Requires the admin role' })
  async update(
    @Tenant() scope: TenantScope,
    @Param('botId', BotIdParamPipe) botId: string,
    @Param('id', IdParamPipe) id: string,
    @Body() body: UpdateSnippetDto,
  ): Promise<SnippetResponse> {
    return presentSnippet(await this.updateSnippet.execute(scope, { botId, id, ...body }));
  }

  @Delete(':id')
  @Roles('admin')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiForbiddenResponse({ description: 'Requires the admin role' })
  async remove(
    @Tenant() scope: TenantScope,
    @Param('botId', BotIdParamPipe) botId: string,
    @Param('id', IdParamPipe) id: string,
  ): Promise<void> {
    await this.deleteSnippet.execute(scope, botId, id);
  }
}
