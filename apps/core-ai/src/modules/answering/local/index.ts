export * from './extractive-answer';
