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
  type Type,
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
import { type KnowledgeEntryKind, presentEntry } from './knowledge-entry.kind';
import { CreateKnowledgeEntry } from './usecases/create-knowledge-entry/create-knowledge-entry.usecase';
import { DeleteKnowledgeEntry } from './usecases/delete-knowledge-entry/delete-knowledge-entry.usecase';
import { GetKnowledgeEntry } from './usecases/get-knowledge-entry/get-knowledge-entry.usecase';
import type { ListKnowledgeEntriesCommand } from './usecases/list-knowledge-entries/list-knowledge-entries.command';
import { ListKnowledgeEntries } from './usecases/list-knowledge-entries/list-knowledge-entries.usecase';
import { UpdateKnowledgeEntry } from './usecases/update-knowledge-entry/update-knowledge-entry.usecase';

type Fields = Record<string, string>;

/**
 * The CRUD routes of one kind of knowledge entry, `api/v1/bots/:botId/<kind.path>`: admins write,
 * agents read. One class for every kind; the kind's DTOs are set as the routes' parameter types,
 * so validation and the OpenAPI document see each kind's own fields.
 */
export function knowledgeEntriesController(kind: KnowledgeEntryKind): Type<object> {
  @ApiTags('knowledge')
  @ApiBearerAuth()
  @ApiNotFoundResponse({ description: `Bot (or ${kind.resource}) not found in this workspace` })
  @Controller(`api/v1/bots/:botId/${kind.path}`)
  class KnowledgeEntriesController {
    constructor(
      private readonly createEntry: CreateKnowledgeEntry,
      private readonly listEntries: ListKnowledgeEntries,
      private readonly getEntry: GetKnowledgeEntry,
      private readonly updateEntry: UpdateKnowledgeEntry,
      private readonly deleteEntry: DeleteKnowledgeEntry,
    ) {}

    @Post()
    @Roles('admin')
    @ApiCreatedResponse({ type: kind.dto.response })
    @ApiBadRequestResponse({ description: 'Invalid fields, named in details' })
    @ApiForbiddenResponse({ description: 'Requires the admin role' })
    async create(
      @Tenant() scope: TenantScope,
      @Param('botId', BotIdParamPipe) botId: string,
      @Body() body: Fields,
    ): Promise<object> {
      return presentEntry(
        kind,
        await this.createEntry.execute(scope, kind, { botId, fields: body }),
      );
    }

    @Get()
    @ApiOkResponse({ type: kind.dto.page })
    @ApiBadRequestResponse({ description: 'Invalid filter or cursor' })
    async list(
      @Tenant() scope: TenantScope,
      @Param('botId', BotIdParamPipe) botId: string,
      @Query() query: Omit<ListKnowledgeEntriesCommand, 'botId'>,
    ): Promise<PageResponse<object>> {
      const page = await this.listEntries.execute(scope, kind, { botId, ...query });
      return {
        items: page.items.map((row) => presentEntry(kind, row)),
        nextCursor: page.nextCursor,
      };
    }

    @Get(':id')
    @ApiOkResponse({ type: kind.dto.response })
    async get(
      @Tenant() scope: TenantScope,
      @Param('botId', BotIdParamPipe) botId: string,
      @Param('id', IdParamPipe) id: string,
    ): Promise<object> {
      return presentEntry(kind, await this.getEntry.execute(scope, kind, botId, id));
    }

    @Patch(':id')
    @Roles('admin')
    @ApiOkResponse({ type: kind.dto.response })
    @ApiBadRequestResponse({ description: 'Invalid fields, named in details' })
    @ApiForbiddenResponse({ description: 'Requires the admin role' })
    async update(
      @Tenant() scope: TenantScope,
      @Param('botId', BotIdParamPipe) botId: string,
      @Param('id', IdParamPipe) id: string,
      @Body() body: Fields,
    ): Promise<object> {
      const updated = await this.updateEntry.execute(scope, kind, { botId, id, fields: body });
      return presentEntry(kind, updated);
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
      await this.deleteEntry.execute(scope, kind, botId, id);
    }
  }

  // TypeScript records the declared (generic) parameter types; the kind's DTOs replace them, as
  // a hand-written controller's parameter types would, for the validation pipe and for OpenAPI.
  const paramTypes = (method: string, types: unknown[]) =>
    Reflect.defineMetadata(
      'design:paramtypes',
      types,
      KnowledgeEntriesController.prototype,
      method,
    );
  paramTypes('create', [Object, String, kind.dto.create]);
  paramTypes('list', [Object, String, kind.dto.list]);
  paramTypes('update', [Object, String, String, kind.dto.update]);
  // Distinct class names keep Nest's and the OpenAPI document's per-controller entries apart.
  Object.defineProperty(KnowledgeEntriesController, 'name', {
    value: `${kind.resource}EntriesController`,
  });
  return KnowledgeEntriesController;
}
