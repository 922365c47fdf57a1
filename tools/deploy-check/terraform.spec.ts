import { join, relative } from 'node:path';
import { type HclDocument, blocks, parseHcl, terraformFiles, unformattedFiles } from './hcl';
import { ROOT, TERRAFORM_DIR } from './paths';

/*
 * What is checked without a terraform binary or providers (none can be fetched here): every file
 * parses as HCL, is laid out as `terraform fmt` would (hclwrite.Format), and the configuration
 * has the resources and settings the deployment relies on. Not checked: provider schemas
 * (`terraform validate`), references between blocks, and anything a plan or apply would show.
 */

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let files: string[];
let root: HclDocument[];
let tenantModule: HclDocument[];

beforeAll(async () => {
  files = await terraformFiles(TERRAFORM_DIR);
  const parsed = await Promise.all(
    files.filter((f) => f.endsWith('.tf')).map(async (f) => ({ f, doc: await parseHcl(f) })),
  );
  const moduleDir = join(TERRAFORM_DIR, 'modules', 'tenant');
  root = parsed.filter(({ f }) => !f.startsWith(join(TERRAFORM_DIR, 'modules'))).map((p) => p.doc);
  tenantModule = parsed.filter(({ f }) => f.startsWith(moduleDir)).map((p) => p.doc);
});

const first = (value: Body[] | undefined): Body => (value ?? [])[0];

describe('terraform files', () => {
  it('are laid out as terraform fmt -check wants them', async () => {
    expect(files.length).toBeGreaterThan(15);
    expect(await unformattedFiles(files)).toEqual([]);
  });

  it('parse as HCL, tfvars examples included', async () => {
    for (const file of files) {
      await expect(parseHcl(file)).resolves.toBeDefined();
    }
    await expect(
      parseHcl(join(TERRAFORM_DIR, 'environments', 'production.tfvars.example')),
    ).resolves.toHaveProperty('tenants');
  });

  it('are checked by a formatter that notices a misaligned file', async () => {
    // A guard on the check itself: the formatter must not accept anything.
    const { format } = await import('@cdktf/hcl-tools');
    const misaligned = 'resource "a" "b" {\n  x = 1\n  yy = 2\n}\n';
    expect(await format(misaligned)).not.toBe(misaligned);
    expect(relative(ROOT, TERRAFORM_DIR)).toBe('deploy/terraform');
  });
});

describe('the AWS configuration', () => {
  it('keeps the Kubernetes API private by default and never open to the world', () => {
    const variables = blocks(root, 'variable');
    expect(variables.get('cluster_endpoint_public_access')?.['default']).toBe(false);
    expect(variables.get('cluster_endpoint_public_access_cidrs')?.['default']).toEqual([]);
    expect(JSON.stringify(variables.get('cluster_endpoint_public_access_cidrs'))).toContain(
      '0.0.0.0/0',
    );
    const cluster = blocks(root, 'resource').get('aws_eks_cluster.this') as Body;
    expect(first(cluster['vpc_config'])['endpoint_private_access']).toBe(true);
    expect(variables.get('cluster_version')?.['default']).toBe('1.33');
  });

  it('has an ECR repository that scans on push, keeps tags immutable and expires old images', () => {
    const resources = blocks(root, 'resource');
    const repo = resources.get('aws_ecr_repository.app') as Body;
    expect(first(repo['image_scanning_configuration'])['scan_on_push']).toBe(true);
    expect(repo['image_tag_mutability']).toBe('IMMUTABLE');
    const lifecycle = resources.get('aws_ecr_lifecycle_policy.app') as Body;
    expect(lifecycle['policy']).toContain('untagged');
    expect(lifecycle['policy']).toContain('imageCountMoreThan');
  });

  it('reaches the databases through an SSM bastion with no public address', () => {
    const resources = blocks(root, 'resource');
    const bastion = resources.get('aws_instance.bastion') as Body;
    expect(bastion['associate_public_ip_address']).toBe(false);
    expect(resources.get('aws_iam_role_policy_attachment.bastion_ssm')?.['policy_arn']).toContain(
      'AmazonSSMManagedInstanceCore',
    );
    expect([...resources.keys()].filter((k) => k.includes('ingress') && k.includes('ssh'))).toEqual(
      [],
    );
  });

  it('backs the database up with point-in-time recovery and exports snapshots to a backup bucket', () => {
    const resources = blocks(root, 'resource');
    const db = resources.get('aws_db_instance.this') as Body;
    expect(db['backup_retention_period']).toBe('${var.db_backup_retention_days}');
    expect(db['delete_automated_backups']).toBe(false);
    expect(
      blocks(root, 'variable').get('db_backup_retention_days')?.['default'],
    ).toBeGreaterThanOrEqual(7);
    expect(resources.has('aws_s3_bucket.backups')).toBe(true);
    expect(
      resources.get('aws_cloudwatch_event_rule.snapshot_created')?.['event_pattern'],
    ).toContain('RDS-EVENT-0091');
    expect(resources.get('aws_lambda_function.snapshot_export')?.['handler']).toBe('index.handler');
    expect(resources.has('aws_iam_role.rds_export')).toBe(true);
  });

  it('gives each enterprise tenant its own database, Redis, node group, namespace and secret', () => {
    const resources = blocks(tenantModule, 'resource');
    const db = resources.get('aws_db_instance.this') as Body;
    expect(db['backup_retention_period']).toBe('${var.backup_retention_days}');
    expect(db['publicly_accessible']).toBe(false);
    const nodes = resources.get('aws_eks_node_group.this') as Body;
    expect(nodes['labels']).toBe('${local.node_label}');
    expect(first(nodes['taint'])).toEqual({
      key: 'cxgenie.io/tenant',
      value: '${var.tenant}',
      effect: 'NO_SCHEDULE',
    });
    expect(resources.has('kubernetes_namespace_v1.this')).toBe(true);
    expect(resources.has('aws_elasticache_replication_group.this')).toBe(true);
    expect(resources.get('aws_secretsmanager_secret.this')?.['name']).toBe(
      '${var.secret_prefix}/tenants/${var.tenant}',
    );
    const tenant = blocks(root, 'module').get('tenant') as Body;
    expect(tenant['source']).toBe('./modules/tenant');
    expect(tenant['for_each']).toBe('${var.tenants}');
  });

  it('generates the service token with the other app secrets', () => {
    const locals = root.flatMap((doc) => (doc['locals'] as Body[] | undefined) ?? []);
    const secrets = locals.find((l) => l['app_secret_values'])?.['app_secret_values'];
    expect(Object.keys(secrets).sort()).toEqual(
      expect.arrayContaining([
        'DATABASE_URL',
        'REDIS_URL',
        'JWT_SECRET',
        'ENCRYPTION_KEY',
        'SERVICE_TOKEN',
      ]),
    );
  });

  it('outputs what the chart values need', () => {
    const outputs = [...blocks(root, 'output').keys()];
    expect(outputs).toEqual(
      expect.arrayContaining([
        'ecr_repository_url',
        'app_role_arn',
        'app_secret_name',
        'documents_bucket',
        'tenants',
        'chart_values',
        'db_port_forward_command',
      ]),
    );
  });
});
