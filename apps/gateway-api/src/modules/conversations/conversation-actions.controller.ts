import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  UploadedFiles,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { MessagePayload } from '@cxgenie/contracts';
import type { ConversationStateView } from '@cxgenie/conversations';
import type { TenantScope } from '@cxgenie/database';
import { CurrentPrincipal, Tenant } from '../../core-modules/auth/auth.decorators';
import type { Principal } from '../../core-modules/auth/principal';
import { IdParamPipe } from '../../core-modules/http/id-param.pipe';
import type { AgentUpload } from './agent-files/agent-files';
import { AgentFilesErrors, AgentFilesParser } from './agent-files/agent-files.interceptor';
import { GatewayConversationsException } from './conversations.exception';
import { AgentMessageDto, AgentMessageWithFilesDto } from './dto/conversation-actions.dto';
import { CloseConversation } from './usecases/close-conversation/close-conversation.usecase';
import {
  type ConversationContext,
  GetConversationContext,
} from './usecases/get-conversation-context/get-conversation-context.usecase';
import { HandBackConversation } from './usecases/hand-back-conversation/hand-back-conversation.usecase';
import { ReopenConversation } from './usecases/reopen-conversation/reopen-conversation.usecase';
import { SendAgentMessage } from './usecases/send-agent-message/send-agent-message.usecase';
import { TakeOverConversation } from './usecases/take-over-conversation/take-over-conversation.usecase';

/** Who acts: a member; an API key may hand back and close, but has nobody to assign. */
const memberOf = (principal: Principal, action: string): string => {
  if (principal.kind !== 'user') throw GatewayConversationsException.memberRequired(action);
  return principal.userId;
};
const actorOf = (principal: Principal): string | null =>
  principal.kind === 'user' ? principal.userId : null;

/** What agents do with a conversation: take it over, reply, hand it back, close and reopen it. */
@ApiTags('conversations')
@ApiBearerAuth()
@ApiNotFoundResponse({ description: 'No such conversation in this workspace' })
@Controller('api/v1/conversations')
export class ConversationActionsController {
  constructor(
    private readonly takeOver: TakeOverConversation,
    private readonly handBack: HandBackConversation,
    private readonly sendAgentMessage: SendAgentMessage,
    private readonly close: CloseConversation,
    private readonly reopen: ReopenConversation,
    private readonly context: GetConversationContext,
  ) {}

  @Post(':id/takeover')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ description: 'Human mode, assigned to the caller; the bot falls silent' })
  @ApiConflictResponse({ description: 'The conversation is closed' })
  @ApiForbiddenResponse({ description: 'Called with an API key' })
  takeover(
    @Tenant() scope: TenantScope,
    @CurrentPrincipal() principal: Principal,
    @Param('id', IdParamPipe) id: string,
  ): Promise<ConversationStateView> {
    return this.takeOver.execute(scope, {
      conversationId: id,
      agentId: memberOf(principal, 'take a conversation over'),
    });
  }

  @Post(':id/handback')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ description: 'Bot mode, unassigned; the bot answers the next message' })
  @ApiConflictResponse({ description: 'The conversation is closed' })
  handback(
    @Tenant() scope: TenantScope,
    @CurrentPrincipal() principal: Principal,
    @Param('id', IdParamPipe) id: string,
  ): Promise<ConversationStateView> {
    return this.handBack.execute(scope, { conversationId: id, actorId: actorOf(principal) });
  }

  /**
   * Replying to a conversation the bot has takes it over (see SendAgentMessage). JSON for text
   * alone; multipart/form-data (`text`, and up to five `files`) to attach files.
   */
  @Post(':id/messages')
  // AgentFilesErrors first: it wraps multer's, to name the field a limit refused.
  @UseInterceptors(AgentFilesErrors, AgentFilesParser)
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiBody({ type: AgentMessageWithFilesDto })
  @ApiCreatedResponse({ description: 'Persisted in order and on its way to the customer' })
  @ApiBadRequestResponse({
    description: 'Empty or oversized text; too many, too large, empty or refused files',
  })
  @ApiConflictResponse({ description: 'The conversation is closed' })
  @ApiForbiddenResponse({ description: 'Called with an API key' })
  @ApiUnprocessableEntityResponse({
    description: "Files on a conversation whose channel cannot carry them (only email's can)",
  })
  reply(
    @Tenant() scope: TenantScope,
    @CurrentPrincipal() principal: Principal,
    @Param('id', IdParamPipe) id: string,
    @Body() body: AgentMessageDto,
    @UploadedFiles() files: AgentUpload[] | undefined,
  ): Promise<MessagePayload> {
    return this.sendAgentMessage.execute(scope, {
      conversationId: id,
      agentId: memberOf(principal, 'reply to a customer'),
      text: body.text,
      files: files ?? [],
    });
  }

  @Post(':id/close')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ description: 'Closed; the customer is asked for a 1–5 rating' })
  @ApiConflictResponse({ description: 'Already closed' })
  closeConversation(
    @Tenant() scope: TenantScope,
    @CurrentPrincipal() principal: Principal,
    @Param('id', IdParamPipe) id: string,
  ): Promise<ConversationStateView> {
    return this.close.execute(scope, { conversationId: id, actorId: actorOf(principal) });
  }

  @Post(':id/reopen')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ description: 'Human mode again, assigned to the caller' })
  @ApiConflictResponse({ description: 'The conversation is not closed' })
  @ApiForbiddenResponse({ description: 'Called with an API key' })
  reopenConversation(
    @Tenant() scope: TenantScope,
    @CurrentPrincipal() principal: Principal,
    @Param('id', IdParamPipe) id: string,
  ): Promise<ConversationStateView> {
    return this.reopen.execute(scope, {
      conversationId: id,
      agentId: memberOf(principal, 'reopen a conversation'),
    });
  }

  @Get(':id/context')
  @ApiOkResponse({
    description:
      "What an agent needs beside the transcript: the bot's answers with their sources, the ticket, the rating",
  })
  getContext(
    @Tenant() scope: TenantScope,
    @Param('id', IdParamPipe) id: string,
  ): Promise<ConversationContext> {
    return this.context.execute(scope, id);
  }
}
