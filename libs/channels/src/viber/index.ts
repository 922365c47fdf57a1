export * from './viber.adapter';
export * from './viber.schemas';
export * from './viber-api.client';
export * from './viber-event.schema';
export * from './normalize-viber-callback';
