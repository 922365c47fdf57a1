import {
  Controller,
  Get,
  HttpStatus,
  Param,
  ParseIntPipe,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { TenantScope } from '@cxgenie/database';
import { Tenant } from '../../core-modules/auth/auth.decorators';
import { IdParamPipe } from '../../core-modules/http/id-param.pipe';
import { ResourceNotFoundException } from '../../core-modules/http/resource-not-found.exception';
import { presentInboxRow } from './conversation.presenter';
import { ListConversationsQuery } from './dto/list-conversations.query';
import { ListMessagesQuery } from './dto/list-messages.query';
import { queryInbox } from './inbox.query';
import { ListConversations } from './usecases/list-conversations/list-conversations.usecase';
import { GetMessageAttachment } from './usecases/get-message-attachment/get-message-attachment.usecase';
import { attachmentDisposition } from './usecases/get-message-attachment/served-type';
import { GetEmailOriginal } from './usecases/get-email-original/get-email-original.usecase';
import { ListMessages } from './usecases/list-messages/list-messages.usecase';

@ApiTags('conversations')
@ApiBearerAuth()
@Controller('api/v1/conversations')
export class ConversationsController {
  constructor(
    private readonly listConversations: ListConversations,
    private readonly listMessages: ListMessages,
    private readonly emailOriginal: GetEmailOriginal,
    private readonly attachment: GetMessageAttachment,
  ) {}

  @Get()
  @ApiOkResponse({
    description: '{ items, nextCursor }: newest activity first, with customer and last message',
  })
  list(@Tenant() scope: TenantScope, @Query() query: ListConversationsQuery) {
    return this.listConversations.execute(scope, {
      ...query,
      unassigned: query.unassigned === 'true',
    });
  }

  @Get(':id')
  @ApiNotFoundResponse({ description: 'No such conversation in this workspace' })
  async get(@Tenant() scope: TenantScope, @Param('id', IdParamPipe) id: string) {
    const [row] = await queryInbox(scope, ['c.workspace_id = :workspaceId', 'c.id = :id'], {
      workspaceId: scope.workspaceId,
      id,
      limit: 1,
    });
    if (!row) throw new ResourceNotFoundException('Conversation');
    return presentInboxRow(row);
  }

  @Get(':id/messages')
  @ApiNotFoundResponse({ description: 'No such conversation in this workspace' })
  messages(
    @Tenant() scope: TenantScope,
    @Param('id', IdParamPipe) id: string,
    @Query() query: ListMessagesQuery,
  ) {
    return this.listMessages.execute(scope, { conversationId: id, ...query });
  }

  @Get(':id/messages/:messageId/email-original')
  @ApiOkResponse({
    description: "{ html }: a received mail's original HTML, as the sender wrote it",
  })
  @ApiNotFoundResponse({ description: 'No such message, or it has no HTML' })
  emailOriginalOf(
    @Tenant() scope: TenantScope,
    @Param('id', IdParamPipe) id: string,
    @Param('messageId', IdParamPipe) messageId: string,
  ) {
    return this.emailOriginal.execute(scope, id, messageId);
  }

  /**
   * One stored file of a message, by its place in `attachments`: always as a download, with
   * nosniff and a sandboxing CSP, and never as HTML or SVG (see servedType).
   */
  @Get(':id/messages/:messageId/attachments/:index')
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: 'The bytes, as an attachment named as it was sent' })
  @ApiNotFoundResponse({ description: 'No such message or attachment in this workspace' })
  async attachmentOf(
    @Tenant() scope: TenantScope,
    @Param('id', IdParamPipe) id: string,
    @Param('messageId', IdParamPipe) messageId: string,
    @Param('index', new ParseIntPipe({ errorHttpStatusCode: HttpStatus.NOT_FOUND })) index: number,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const file = await this.attachment.execute(scope, id, messageId, index);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    res.setHeader('Cache-Control', 'private, no-store');
    return new StreamableFile(file.content, {
      type: file.contentType,
      disposition: attachmentDisposition(file.name),
      length: file.content.length,
    });
  }
}
