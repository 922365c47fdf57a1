import type { LoaderIngestJobData } from '@cxgenie/contracts';

export type RemoveSourceCommand = Pick<
  LoaderIngestJobData,
  'workspaceId' | 'botId' | 'sourceId' | 'document'
>;
