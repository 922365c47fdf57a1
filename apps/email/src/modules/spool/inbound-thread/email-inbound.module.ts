import { type DynamicModule, Module } from '@nestjs/common';
import type { ServiceConfig } from '@cxgenie/config';
import { emailFoundation } from '../../../email-foundation';
import { SpoolReaderModule } from '../spool-reader.module';

/**
 * The inbound thread's application (ADR 0047): no HTTP, no SMTP, no mailboxes, no outbound; the
 * `email.inbound` reader and what reading a mail needs, on connections of its own.
 */
@Module({})
export class EmailInboundModule {
  static register(config: ServiceConfig): DynamicModule {
    return {
      module: EmailInboundModule,
      imports: [...emailFoundation(config, {}, { sends: false }), SpoolReaderModule],
    };
  }
}
