import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ChannelTypeListResponse } from './dto/channel-type.dto';
import { ListChannelTypes } from './usecases/list-channel-types/list-channel-types.usecase';

@ApiTags('channels')
@ApiBearerAuth()
@Controller('api/v1/channel-types')
export class ChannelCatalogController {
  constructor(private readonly listChannelTypes: ListChannelTypes) {}

  /** What each channel type needs (JSON Schemas for forms) and where its webhooks arrive. */
  @Get()
  @ApiOkResponse({ type: ChannelTypeListResponse })
  list(): ChannelTypeListResponse {
    return this.listChannelTypes.execute();
  }
}
