import { ApiProperty } from '@nestjs/swagger';
import { IsUUID, ValidateIf } from 'class-validator';

export class AssignTicketDto {
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: "A member's user id; null unassigns (the ticket waits for automatic assignment)",
  })
  @ValidateIf((_: object, value: unknown) => value !== null)
  @IsUUID()
  assigneeId!: string | null;
}
