import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { TenantScope } from '@cxgenie/database';
import { Roles, Tenant } from '../../../core-modules/auth/auth.decorators';
import { IdParamPipe } from '../../../core-modules/http/id-param.pipe';
import type { PageResponse } from '../../../core-modules/http/pagination.dto';
import { BotIdParamPipe } from '../bot-id.pipe';
import {
  CreateWebsiteSourceDto,
  ListSourcesQueryDto,
  SourcePageResponse,
  SourceResponse,
} from './dto/source.dto';
import { presentSource } from './source.presenter';
import { CreateWebsiteSource } from './usecases/create-website-source/create-website-source.usecase';
import { DeleteSource } from './usecases/delete-source/delete-source.usecase';
import { GetSource } from './usecases/get-source/get-source.usecase';
import { ListSources } from './usecases/list-sources/list-sources.usecase';
import { RequeueSource } from './usecases/requeue-source/requeue-source.usecase';

@ApiTags('knowledge')
@ApiBearerAuth()
@ApiNotFoundResponse({ description: 'Bot (or source) not found in this workspace' })
@Controller('api/v1/bots/:botId/sources')
export class SourcesController {
  constructor(
    private readonly createWebsiteSource: CreateWebsiteSource,
    private readonly listSources: ListSources,
    private readonly getSource: GetSource,
    private readonly deleteSource: DeleteSource,
    private readonly requeueSource: RequeueSource,
  ) {}

  @Post('websites')
  @Roles('admin')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Queue a website to crawl into the bot’s knowledge',
    description:
      'Creates a knowledge source of type `website` in status `queued`, queues its crawl by the ' +
      'loader service and answers at once. The crawl stays on the URL’s origin, honours ' +
      'robots.txt and follows the sitemap when there is one. Follow status, progress, stats and ' +
      'errors on GET /sources/{id} or the `knowledge.source.progress` socket event.',
  })
  @ApiAcceptedResponse({ type: SourceResponse })
  @ApiServiceUnavailableResponse({ description: 'Saved, but the crawl could not be queued' })
  @ApiBadRequestResponse({
    description: 'Invalid fields, named in details; url/sitemapUrl must be public http(s) URLs',
  })
  @ApiForbiddenResponse({ description: 'Requires the admin role' })
  async createWebsite(
    @Tenant() scope: TenantScope,
    @Param('botId', BotIdParamPipe) botId: string,
    @Body() body: CreateWebsiteSourceDto,
  ): Promise<SourceResponse> {
    return presentSource(await this.createWebsiteSource.execute(scope, { botId, ...body }));
  }

  @Get()
  @ApiOperation({ summary: 'Knowledge sources of every type, newest first' })
  @ApiOkResponse({ type: SourcePageResponse })
  @ApiBadRequestResponse({ description: 'Invalid filter or cursor' })
  async list(
    @Tenant() scope: TenantScope,
    @Param('botId', BotIdParamPipe) botId: string,
    @Query() query: ListSourcesQueryDto,
  ): Promise<PageResponse<SourceResponse>> {
    const page = await this.listSources.execute(scope, { botId, ...query });
    return { items: page.items.map(presentSource), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @ApiOperation({ summary: 'A source with its status, progress, error, stats and config' })
  @ApiOkResponse({ type: SourceResponse })
  async get(
    @Tenant() scope: TenantScope,
    @Param('botId', BotIdParamPipe) botId: string,
    @Param('id', IdParamPipe) id: string,
  ): Promise<SourceResponse> {
    return presentSource(await this.getSource.execute(scope, botId, id));
  }

  @Post(':id/recrawl')
  @Roles('admin')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Crawl a website source again',
    description:
      'Queues a new crawl of a `ready` or `failed` website source; pages whose text did not ' +
      'change reuse their embeddings.',
  })
  @ApiAcceptedResponse({ type: SourceResponse })
  @ApiConflictResponse({ description: 'Not a website source, or already queued or processing' })
  @ApiForbiddenResponse({ description: 'Requires the admin role' })
  @ApiServiceUnavailableResponse({ description: 'The crawl could not be queued' })
  async recrawl(
    @Tenant() scope: TenantScope,
    @Param('botId', BotIdParamPipe) botId: string,
    @Param('id', IdParamPipe) id: string,
  ): Promise<SourceResponse> {
    return presentSource(await this.requeueSource.execute(scope, { botId, id, reason: 'recrawl' }));
  }

  @Post(':id/reprocess')
  @Roles('admin')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Process an uploaded document source again',
    description:
      'Queues a new run of a `ready` or `failed` document source from its stored file; ' +
      'unchanged chunks reuse their embeddings.',
  })
  @ApiAcceptedResponse({ type: SourceResponse })
  @ApiConflictResponse({ description: 'Not a document source, or already queued or processing' })
  @ApiForbiddenResponse({ description: 'Requires the admin role' })
  @ApiServiceUnavailableResponse({ description: 'The run could not be queued' })
  async reprocess(
    @Tenant() scope: TenantScope,
    @Param('botId', BotIdParamPipe) botId: string,
    @Param('id', IdParamPipe) id: string,
  ): Promise<SourceResponse> {
    return presentSource(
      await this.requeueSource.execute(scope, { botId, id, reason: 'reprocess' }),
    );
  }

  @Delete(':id')
  @Roles('admin')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Delete a source with its documents and chunks',
    description:
      'The source and its documents are soft-deleted and their chunks removed at once; the ' +
      'loader then removes their vectors and stored files.',
  })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiForbiddenResponse({ description: 'Requires the admin role' })
  async remove(
    @Tenant() scope: TenantScope,
    @Param('botId', BotIdParamPipe) botId: string,
    @Param('id', IdParamPipe) id: string,
  ): Promise<void> {
    await this.deleteSource.execute(scope, botId, id);
  }
}
