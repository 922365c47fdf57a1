import { IsUUID } from 'class-validator';

export class BotIndexDto {
  @IsUUID() workspaceId!: string;
  @IsUUID() botId!: string;
}
