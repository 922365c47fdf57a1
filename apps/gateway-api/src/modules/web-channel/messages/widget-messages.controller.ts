import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { MAX_MESSAGE_CHARS, type MessagePayload } from '@cxgenie/contracts';
import type { TenantScope } from '@cxgenie/database';
import { CurrentPrincipal, Tenant, WidgetAccess } from '../../../core-modules/auth/auth.decorators';
import type { Principal } from '../../../core-modules/auth/principal';
import { ResourceNotFoundException } from '../../../core-modules/http/resource-not-found.exception';
import { WidgetConversations } from './widget-conversations';

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
  constructor(private readonly conversations: WidgetConversations) {}

  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiAcceptedResponse({ description: 'Persisted with its sequence number and queued for the bot' })
  send(
    @Tenant() scope: TenantScope,
    @CurrentPrincipal() principal: Principal,
    @Body() body: WidgetMessageDto,
  ): Promise<MessagePayload> {
    if (principal.kind !== 'widget') throw new ResourceNotFoundException('Conversation');
    return this.conversations.receive(scope, principal, body.text);
  }
}
