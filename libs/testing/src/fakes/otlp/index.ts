export * from './fake-otlp-collector';
