export * from './app-exception';
