import { Module } from '@nestjs/common';
import { EmailInboundWorker } from './jobs/email-inbound.worker';
import { SpoolModule } from './spool.module';

/** The consumer of `email.inbound`, wherever it runs: in the receiving thread, or its own. */
@Module({ imports: [SpoolModule], providers: [EmailInboundWorker] })
export class SpoolReaderModule {}
