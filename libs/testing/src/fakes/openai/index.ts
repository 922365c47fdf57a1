export * from './fake-openai.server';
export { fakeEmbedding, toBase64Float32 } from './fake-embedding';
export type { RecordedRequest, ScriptedBehaviour } from './scripted-http-fake';
