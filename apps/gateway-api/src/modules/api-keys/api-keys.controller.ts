import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { TenantScope } from '@cxgenie/database';
import { CurrentPrincipal, Roles, Tenant } from '../../core-modules/auth/auth.decorators';
import type { Principal } from '../../core-modules/auth/principal';
import { IdParamPipe } from '../../core-modules/http/id-param.pipe';
import { PaginationQueryDto, type PageResponse } from '../../core-modules/http/pagination.dto';
import {
  ApiKeyPageResponse,
  type ApiKeyResponse,
  CreateApiKeyDto,
  CreatedApiKeyResponse,
} from './dto/api-key.dto';
import { CreateApiKey } from './usecases/create-api-key/create-api-key.usecase';
import { ListApiKeys } from './usecases/list-api-keys/list-api-keys.usecase';
import { RevokeApiKey } from './usecases/revoke-api-key/revoke-api-key.usecase';

@ApiTags('api-keys')
@ApiBearerAuth()
@Roles('admin')
@ApiForbiddenResponse({ description: 'Requires the admin role' })
@Controller('api/v1/api-keys')
export class ApiKeysController {
  constructor(
    private readonly listApiKeys: ListApiKeys,
    private readonly createApiKey: CreateApiKey,
    private readonly revokeApiKey: RevokeApiKey,
  ) {}

  @Get()
  @ApiOkResponse({ type: ApiKeyPageResponse })
  list(
    @Tenant() scope: TenantScope,
    @Query() query: PaginationQueryDto,
  ): Promise<PageResponse<ApiKeyResponse>> {
    return this.listApiKeys.execute({ scope, ...query });
  }

  /** The full key is in this response only; afterwards only its prefix can be seen. */
  @Post()
  @ApiCreatedResponse({ type: CreatedApiKeyResponse })
  @ApiBadRequestResponse({ description: 'Invalid name or role' })
  create(
    @Tenant() scope: TenantScope,
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateApiKeyDto,
  ): Promise<CreatedApiKeyResponse> {
    return this.createApiKey.execute({ scope, principal, ...body });
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Revoked; the key is refused from now on' })
  @ApiNotFoundResponse({ description: 'No such API key in this workspace' })
  async revoke(@Tenant() scope: TenantScope, @Param('id', IdParamPipe) id: string): Promise<void> {
    await this.revokeApiKey.execute(scope, id);
  }
}
