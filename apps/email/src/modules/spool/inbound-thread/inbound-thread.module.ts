import { Module } from '@nestjs/common';
import { EmailInboundThread } from './email-inbound-thread';

/** The receiving process's side of the inbound thread: starts, restarts and stops it. */
@Module({ providers: [EmailInboundThread] })
export class InboundThreadModule {}
