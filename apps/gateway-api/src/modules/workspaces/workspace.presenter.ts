import type { Workspace } from '@cxgenie/database';
import type { WorkspaceResponse } from './dto/workspace.dto';

export const presentWorkspace = (row: Workspace): WorkspaceResponse => ({
  id: row.id,
  name: row.name,
  slug: row.slug,
  timezone: row.timezone,
  tenancyMode: row.tenancyMode,
  settings: row.settings,
  createdAt: row.createdAt,
});
