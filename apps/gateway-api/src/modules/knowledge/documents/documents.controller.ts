import { Controller, Delete, Get, HttpCode, HttpStatus, Param, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { TenantScope } from '@cxgenie/database';
import { Roles, Tenant } from '../../../core-modules/auth/auth.decorators';
import { IdParamPipe } from '../../../core-modules/http/id-param.pipe';
import { PaginationQueryDto, type PageResponse } from '../../../core-modules/http/pagination.dto';
import { BotIdParamPipe } from '../bot-id.pipe';
import { DocumentPageResponse, DocumentResponse } from './dto/document.dto';
import { presentDocument } from './document.presenter';
import { DeleteDocument } from './usecases/delete-document/delete-document.usecase';
import { GetDocument } from './usecases/get-document/get-document.usecase';
import { ListDocuments } from './usecases/list-documents/list-documents.usecase';

@ApiTags('knowledge')
@ApiBearerAuth()
@ApiNotFoundResponse({ description: 'Bot (or document) not found in this workspace' })
@Controller('api/v1/bots/:botId/documents')
export class DocumentsController {
  constructor(
    private readonly listDocuments: ListDocuments,
    private readonly getDocument: GetDocument,
    private readonly deleteDocument: DeleteDocument,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Uploaded documents with their source’s processing status' })
  @ApiOkResponse({ type: DocumentPageResponse })
  @ApiBadRequestResponse({ description: 'Invalid cursor or limit' })
  async list(
    @Tenant() scope: TenantScope,
    @Param('botId', BotIdParamPipe) botId: string,
    @Query() query: PaginationQueryDto,
  ): Promise<PageResponse<DocumentResponse>> {
    const page = await this.listDocuments.execute(scope, { botId, ...query });
    return {
      items: page.items.map(({ document, source }) => presentDocument(document, source)),
      nextCursor: page.nextCursor,
    };
  }

  @Get(':id')
  @ApiOkResponse({ type: DocumentResponse })
  async get(
    @Tenant() scope: TenantScope,
    @Param('botId', BotIdParamPipe) botId: string,
    @Param('id', IdParamPipe) id: string,
  ): Promise<DocumentResponse> {
    const { document, source } = await this.getDocument.execute(scope, botId, id);
    return presentDocument(document, source);
  }

  @Delete(':id')
  @Roles('admin')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Delete a document with its source and chunks',
    description: 'The document and its source are soft-deleted; its chunks are removed.',
  })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiForbiddenResponse({ description: 'Requires the admin role' })
  async remove(
    @Tenant() scope: TenantScope,
    @Param('botId', BotIdParamPipe) botId: string,
    @Param('id', IdParamPipe) id: string,
  ): Promise<void> {
    await this.deleteDocument.execute(scope, botId, id);
  }
}
