export * from './evidence-features';
export * from './evidence-verdict';
export * from './extractive-answer';
