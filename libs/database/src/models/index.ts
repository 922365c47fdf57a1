export * from './workspace.models';
export * from './credential.models';
export * from './bot.models';
export * from './knowledge.models';
export * from './conversation.models';
export * from './ticket.models';
export * from './model-set';
export * from './dead-letter.models';
