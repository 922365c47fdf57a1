export * from './fake-core-ai-answer.server';
