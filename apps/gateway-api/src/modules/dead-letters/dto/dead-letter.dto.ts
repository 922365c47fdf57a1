import { ApiProperty } from '@nestjs/swagger';

const SOURCES = ['inbound', 'conversation_pipeline'] as const;

export class DeadLetterResponse {
  @ApiProperty() id!: string;
  @ApiProperty({
    enum: SOURCES,
    description:
      'inbound: a platform message that could not be accepted; conversation_pipeline: a message the bot could not handle',
  })
  source!: (typeof SOURCES)[number];
  @ApiProperty({ type: String, nullable: true }) channelId!: string | null;
  @ApiProperty({ type: String, nullable: true }) conversationId!: string | null;
  @ApiProperty({ description: 'Why it kept failing (the last error)' }) reason!: string;
  @ApiProperty({ description: 'How many times it was tried' }) attempts!: number;
  @ApiProperty({ description: 'The original, as it was received', type: Object })
  payload!: unknown;
  @ApiProperty() createdAt!: Date;
}

export class DeadLetterPageResponse {
  @ApiProperty({ type: [DeadLetterResponse] }) items!: DeadLetterResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
