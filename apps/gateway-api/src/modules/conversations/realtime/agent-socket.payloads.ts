import { IsBoolean, IsUUID } from 'class-validator';

export class AgentTypingPayload {
  @IsUUID()
  conversationId!: string;

  @IsBoolean()
  typing!: boolean;
}
