import { Global, Module } from '@nestjs/common';
import { TicketReader } from './ticket-reader';

@Global()
@Module({ providers: [TicketReader], exports: [TicketReader] })
export class TicketsCoreModule {}
