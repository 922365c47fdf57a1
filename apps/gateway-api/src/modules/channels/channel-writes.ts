import { UniqueConstraintError } from 'sequelize';
import { ChannelsException } from './channels.exception';

/** The only unique constraint on channels is (type, externalId) among live rows. */
export async function withExternalIdConflict<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof UniqueConstraintError) throw ChannelsException.externalIdTaken();
    throw error;
  }
}
