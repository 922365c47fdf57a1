import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsEmail,
  IsObject,
  IsString,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { LANGUAGE_TAG } from '../../../bots/dto/bot.dto';
import { Omittable } from '../../../../core-modules/http/validation';

/** Printable ASCII without spaces: the id is echoed back and stored by the embedding page. */
const EXTERNAL_ID = /^[\x21-\x7e]+$/;

export class WidgetCustomerDto {
  @ApiPropertyOptional({
    minLength: 1,
    maxLength: 200,
    description: "The site's own id for the visitor, or the anon_ id a previous session returned",
  })
  @Omittable()
  @IsString()
  @Length(1, 200)
  @Matches(EXTERNAL_ID, { message: 'must be printable ASCII without spaces' })
  externalId?: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: 120 })
  @Omittable()
  @IsString()
  @Length(1, 120)
  name?: string;

  @ApiPropertyOptional({ maxLength: 254 })
  @Omittable()
  @IsEmail()
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ example: 'en-US' })
  @Omittable()
  @IsString()
  @Length(2, 35)
  @Matches(LANGUAGE_TAG, { message: 'must be a language tag such as en or pt-BR' })
  locale?: string;
}

export class StartWidgetSessionDto {
  @ApiProperty({ description: "The bot's publicKey, as embedded in the widget script" })
  @IsString()
  @Length(1, 100)
  botKey!: string;

  @ApiPropertyOptional({ type: WidgetCustomerDto })
  @Omittable()
  @IsObject()
  @ValidateNested()
  @Type(() => WidgetCustomerDto)
  customer?: WidgetCustomerDto;
}

export class WidgetSessionResponse {
  @ApiProperty({ description: 'Bearer token for the widget routes' }) sessionToken!: string;
  @ApiProperty() customerId!: string;
  @ApiProperty({ description: 'Persist it (e.g. localStorage) to resume as the same customer' })
  externalId!: string;
  @ApiProperty() botId!: string;
  @ApiProperty() channelId!: string;
  @ApiProperty({ description: 'seconds' }) expiresIn!: number;
}

export class WidgetCustomerResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
  @ApiProperty({ type: String, nullable: true }) email!: string | null;
  @ApiProperty({ type: String, nullable: true }) locale!: string | null;
}

export class WidgetBotResponse {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
}

export class WidgetSessionInfoResponse {
  @ApiProperty({ type: WidgetCustomerResponse }) customer!: WidgetCustomerResponse;
  @ApiProperty({ type: WidgetBotResponse }) bot!: WidgetBotResponse;
}
