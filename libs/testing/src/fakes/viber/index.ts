export * from './fake-viber.server';
export * from './viber-callbacks';
