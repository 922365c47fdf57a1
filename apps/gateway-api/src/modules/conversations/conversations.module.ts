import { Module } from '@nestjs/common';
import { ConversationsController } from './conversations.controller';
import { ListConversations } from './usecases/list-conversations/list-conversations.usecase';
import { ListMessages } from './usecases/list-messages/list-messages.usecase';

@Module({
  controllers: [ConversationsController],
  providers: [ListConversations, ListMessages],
})
export class ConversationsModule {}
