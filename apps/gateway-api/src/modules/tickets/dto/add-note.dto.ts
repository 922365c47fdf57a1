import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { Trim } from '../../../core-modules/http/validation';

export class AddNoteDto {
  @ApiProperty({
    minLength: 1,
    maxLength: 5000,
    description: 'Internal: never shown to the customer',
  })
  @Trim()
  @IsString()
  @Length(1, 5000)
  text!: string;
}
