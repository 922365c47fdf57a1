export * from './email.schemas';
