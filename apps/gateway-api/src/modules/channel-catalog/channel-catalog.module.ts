import { Module } from '@nestjs/common';
import { ChannelCatalogController } from './channel-catalog.controller';
import { ListChannelTypes } from './usecases/list-channel-types/list-channel-types.usecase';

/** Read-only description of the channel types, for forms generated from the adapters' schemas. */
@Module({ controllers: [ChannelCatalogController], providers: [ListChannelTypes] })
export class ChannelCatalogModule {}
