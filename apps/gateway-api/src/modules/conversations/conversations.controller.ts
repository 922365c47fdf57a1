import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { TenantScope } from '@cxgenie/database';
import { Tenant } from '../../core-modules/auth/auth.decorators';
import { IdParamPipe } from '../../core-modules/http/id-param.pipe';
import { ResourceNotFoundException } from '../../core-modules/http/resource-not-found.exception';
import { presentInboxRow } from './conversation.presenter';
import { ListConversationsQuery } from './dto/list-conversations.query';
import { ListMessagesQuery } from './dto/list-messages.query';
import { queryInbox } from './inbox.query';
import { ListConversations } from './usecases/list-conversations/list-conversations.usecase';
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
}
