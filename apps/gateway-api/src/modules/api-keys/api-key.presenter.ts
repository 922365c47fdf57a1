import type { ApiKey } from '@cxgenie/database';
import type { ApiKeyResponse } from './dto/api-key.dto';

export const presentApiKey = (row: ApiKey): ApiKeyResponse => ({
  id: row.id,
  name: row.name,
  prefix: row.prefix,
  role: row.role,
  createdBy: row.createdBy,
  createdAt: row.createdAt,
  lastUsedAt: row.lastUsedAt,
  revokedAt: row.revokedAt,
});
