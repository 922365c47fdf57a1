import type { CreateChannelCommand } from '../create-channel/create-channel.command';

/** The type is fixed at creation: credentials and webhooks depend on it. */
export type UpdateChannelCommand = Partial<Omit<CreateChannelCommand, 'type'>>;
