// Exports each automated RDS snapshot to the backup bucket (Parquet, KMS-encrypted) as soon as
// RDS announces it (EventBridge: RDS-EVENT-0091). The export is a second copy of every day's
// backup that outlives the instance, its automated backups and the account's retention window.
import { RDSClient, StartExportTaskCommand } from '@aws-sdk/client-rds';

const rds = new RDSClient({});

export async function handler(event) {
  const snapshotArn = event?.detail?.SourceArn;
  if (!snapshotArn) throw new Error(`no snapshot ARN in the event: ${JSON.stringify(event)}`);
  const snapshot = snapshotArn.split(':').pop();
  // Export task ids: letters, digits and hyphens, at most 60 characters, unique.
  const id = `export-${snapshot.replace(/^rds:/, '').replace(/[^A-Za-z0-9-]/g, '-')}`.slice(0, 60);
  const result = await rds.send(
    new StartExportTaskCommand({
      ExportTaskIdentifier: id,
      SourceArn: snapshotArn,
      S3BucketName: process.env.BACKUP_BUCKET,
      S3Prefix: `rds-exports/${snapshot.replace(/^rds:/, '')}`,
      IamRoleArn: process.env.EXPORT_ROLE_ARN,
      KmsKeyId: process.env.EXPORT_KMS_KEY_ARN,
    }),
  );
  console.log(JSON.stringify({ started: id, status: result.Status, source: snapshotArn }));
  return { exportTask: id };
}
