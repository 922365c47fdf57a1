import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';
import type { MessagePayload } from '@cxgenie/contracts';
import type { TenantScope } from '@cxgenie/database';
import { CurrentPrincipal, Tenant, WidgetAccess } from '../../core-modules/auth/auth.decorators';
import type { Principal } from '../../core-modules/auth/principal';
import { ResourceNotFoundException } from '../../core-modules/http/resource-not-found.exception';
import { MAX_MESSAGE_CHARS } from './realtime/customer-socket.payloads';
import { OpenWidgetConversation } from './usecases/open-widget-conversation';
import { ReceiveCustomerMessage } from './usecases/receive-customer-message/receive-customer-message.usecase';

export class WidgetMessageDto {
  @ApiProperty({ minLength: 1, maxLength: MAX_MESSAGE_CHARS })
  @IsString()
  @Length(1, MAX_MESSAGE_CHARS)
  text!: string;
}

/**
 * The REST way in for a widget customer (the socket's `message.send` is the other): accepted
 * once persisted and queued; the answer arrives over the socket.
 */
@ApiTags('widget')
@ApiBearerAuth()
@WidgetAccess()
@Controller('api/v1/widget/messages')
export class WidgetMessagesController {
  constructor(
    private readonly conversations: OpenWidgetConversation,
    private readonly receive: ReceiveCustomerMessage,
  ) {}

  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiAcceptedResponse({ description: 'Persisted with its sequence number and queued for the bot' })
  async send(
    @Tenant() scope: TenantScope,
    @CurrentPrincipal() principal: Principal,
    @Body() body: WidgetMessageDto,
  ): Promise<MessagePayload> {
    if (principal.kind !== 'widget') throw new ResourceNotFoundException('Conversation');
    const conversation = await this.conversations.findOrStart(scope, principal);
    if (!conversation) throw new ResourceNotFoundException('Web widget');
    return this.receive.execute(scope, { conversationId: conversation.id, text: body.text });
  }
}
