import {
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Query,
  UploadedFiles,
  UseInterceptors,
} from '@nestjs/common';
import { FilesInterceptor } from '@nestjs/platform-express';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { TenantScope } from '@cxgenie/database';
import { Roles, Tenant } from '../../../core-modules/auth/auth.decorators';
import { IdParamPipe } from '../../../core-modules/http/id-param.pipe';
import { PaginationQueryDto, type PageResponse } from '../../../core-modules/http/pagination.dto';
import { BotIdParamPipe } from '../bot-id.pipe';
import { DocumentPageResponse, DocumentResponse } from './dto/document.dto';
import { UploadDocumentsBody, UploadDocumentsResponse } from './dto/upload.dto';
import { presentDocument, presentUpload } from './document.presenter';
import { MAX_FILES_PER_UPLOAD, UPLOAD_FIELD } from './upload/upload-limits';
import { UploadErrorsInterceptor } from './upload/upload-errors.interceptor';
import { UploadDocuments } from './usecases/upload-documents/upload-documents.usecase';
import type { UploadedFile } from './usecases/upload-documents/upload-documents.command';
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
    private readonly uploadDocuments: UploadDocuments,
  ) {}

  @Post()
  @Roles('admin')
  @HttpCode(HttpStatus.ACCEPTED)
  // UploadErrorsInterceptor first: it wraps multer's, to name the file a limit refused.
  @UseInterceptors(UploadErrorsInterceptor, FilesInterceptor(UPLOAD_FIELD, MAX_FILES_PER_UPLOAD))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadDocumentsBody })
  @ApiOperation({
    summary: 'Upload files into the bot’s knowledge',
    description:
      `Up to ${MAX_FILES_PER_UPLOAD} files in the multipart field \`${UPLOAD_FIELD}\`, each ` +
      'at most KNOWLEDGE_UPLOAD_MAX_BYTES (50 MB by default) and four times that in total: PDF, ' +
      'Word (.docx), Excel (.xlsx), HTML, CSV, Markdown or UTF-8 text, recognised from their ' +
      'content. Each file becomes a document source in status `queued`, processed by the ' +
      'loader service; the answer comes at once with the source ids. One refused file refuses ' +
      'the whole upload: nothing is stored. Follow progress on GET /sources/{id} or the ' +
      '`knowledge.source.progress` socket event.',
  })
  @ApiAcceptedResponse({ type: UploadDocumentsResponse })
  @ApiBadRequestResponse({ description: 'No files, an empty file, or too many files' })
  @ApiForbiddenResponse({ description: 'Requires the admin role' })
  @ApiPayloadTooLargeResponse({ description: 'A file is over the upload size limit; named' })
  @ApiUnsupportedMediaTypeResponse({ description: 'A file is of an unsupported type; named' })
  @ApiServiceUnavailableResponse({ description: 'Stored, but processing could not be queued' })
  async upload(
    @Tenant() scope: TenantScope,
    @Param('botId', BotIdParamPipe) botId: string,
    @UploadedFiles() files: UploadedFile[] | undefined,
  ): Promise<UploadDocumentsResponse> {
    const records = await this.uploadDocuments.execute(scope, { botId, files: files ?? [] });
    return { items: records.map(presentUpload) };
  }

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
    description:
      'The document and its source are soft-deleted and its chunks removed at once; the loader ' +
      'then removes its vectors and the stored file.',
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
