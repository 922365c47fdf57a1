output "namespace" {
  description = "Namespace of the tenant's release (deploy/tenants/<tenant>/tenant.yaml)."
  value       = local.namespace
}

output "secret_name" {
  description = "Helm value externalSecrets.remoteKey of the tenant's release."
  value       = aws_secretsmanager_secret.this.name
}

output "secret_arn" {
  description = "ARN of the tenant's secret (External Secrets reads it)."
  value       = aws_secretsmanager_secret.this.arn
}

output "documents_bucket" {
  description = "The tenant's documents bucket (config.S3_BUCKET of its release)."
  value       = aws_s3_bucket.documents.bucket
}

output "app_role_arn" {
  description = "IRSA role of the tenant's release (serviceAccount.annotations)."
  value       = aws_iam_role.app.arn
}

output "db_endpoint" {
  description = "The tenant's PostgreSQL endpoint (host:port)."
  value       = aws_db_instance.this.endpoint
}

output "db_instance_identifier" {
  description = "RDS identifier, for point-in-time restores (deploy/README.md)."
  value       = aws_db_instance.this.identifier
}

output "redis_endpoint" {
  description = "The tenant's Redis primary endpoint."
  value       = aws_elasticache_replication_group.this.primary_endpoint_address
}

output "node_selector" {
  description = "Label of the tenant's node group (the chart's tenant.dedicatedNodes)."
  value       = local.node_label
}

output "chart_values" {
  description = "The tenant's values file for the chart (deploy/tenants/<tenant>/values.yaml), to merge with its hosts."
  value = yamlencode({
    tenant          = { name = var.tenant, dedicatedNodes = true }
    config          = { QUEUE_PREFIX = var.tenant, S3_BUCKET = aws_s3_bucket.documents.bucket }
    externalSecrets = { remoteKey = aws_secretsmanager_secret.this.name }
    serviceAccount  = { annotations = { "eks.amazonaws.com/role-arn" = aws_iam_role.app.arn } }
    monitoring      = { dashboards = { enabled = false } }
  })
}
