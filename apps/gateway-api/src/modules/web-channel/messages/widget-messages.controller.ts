import { Body, Controller, HttpCode, HttpStatus, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiProperty,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
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

  @ApiProperty({
    required: false,
    minLength: 1,
    maxLength: 100,
    description:
      "The client's id for this message, the same on every retry: a message sent again with it is not stored twice",
  })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  clientMessageId?: string;
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
  @ApiTooManyRequestsResponse({
    description: 'A limit was reached; Retry-After says when to retry',
  })
  send(
    @Tenant() scope: TenantScope,
    @CurrentPrincipal() principal: Principal,
    @Body() body: WidgetMessageDto,
    @Req() req: Request,
  ): Promise<MessagePayload> {
    if (principal.kind !== 'widget') throw new ResourceNotFoundException('Conversation');
    return this.conversations.receive(scope, principal, {
      text: body.text,
      clientMessageId: body.clientMessageId,
      clientIp: req.ip ?? 'unknown',
    });
  }
}
