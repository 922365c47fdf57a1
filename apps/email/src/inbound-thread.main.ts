import 'reflect-metadata';
import { runInboundThread } from './modules/spool/inbound-thread/run-inbound-thread';

// The email service's `email.inbound` reader thread (ADR 0047), started by EmailInboundThread.
void runInboundThread();
