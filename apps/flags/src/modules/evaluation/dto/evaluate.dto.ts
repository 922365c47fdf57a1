import { Type } from 'class-transformer';
import {
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import type { EvaluateAllFlagsRequest, EvaluateFlagRequest, FlagContext } from '@cxgenie/contracts';

export class FlagContextDto implements FlagContext {
  @IsUUID() workspaceId!: string;
  @IsOptional() @IsUUID() userId?: string | null;
  @IsOptional() @IsUUID() botId?: string | null;
}

export class EvaluateFlagDto implements EvaluateFlagRequest {
  // LaunchDarkly's flag key alphabet.
  @IsString()
  @Length(1, 200)
  @Matches(/^[A-Za-z0-9._-]+$/, { message: 'must be a flag key (letters, digits, ".", "_", "-")' })
  flagKey!: string;

  @IsObject()
  @ValidateNested()
  @Type(() => FlagContextDto)
  context!: FlagContextDto;
}

export class EvaluateAllFlagsDto implements EvaluateAllFlagsRequest {
  @IsObject()
  @ValidateNested()
  @Type(() => FlagContextDto)
  context!: FlagContextDto;
}
