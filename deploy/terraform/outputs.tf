output "region" {
  description = "AWS region."
  value       = var.region
}

output "vpc_id" {
  description = "ID of the VPC."
  value       = aws_vpc.this.id
}

output "private_subnet_ids" {
  description = "Private subnets (nodes, RDS, Redis)."
  value       = aws_subnet.private[*].id
}

output "public_subnet_ids" {
  description = "Public subnets (load balancers, NAT)."
  value       = aws_subnet.public[*].id
}

output "cluster_name" {
  description = "EKS cluster name."
  value       = aws_eks_cluster.this.name
}

output "cluster_endpoint" {
  description = "Kubernetes API endpoint."
  value       = aws_eks_cluster.this.endpoint
}

output "cluster_certificate_authority_data" {
  description = "Base64 CA certificate of the cluster."
  value       = aws_eks_cluster.this.certificate_authority[0].data
}

output "oidc_provider_arn" {
  description = "IAM OIDC provider of the cluster, for further IRSA roles."
  value       = aws_iam_openid_connect_provider.eks.arn
}

output "kubeconfig_command" {
  description = "Command that writes a kubeconfig entry for the cluster."
  value       = "aws eks update-kubeconfig --region ${var.region} --name ${aws_eks_cluster.this.name}"
}

output "db_endpoint" {
  description = "Primary PostgreSQL host:port."
  value       = aws_db_instance.this.endpoint
}

output "db_replica_endpoint" {
  description = "Read replica host:port (null without a replica)."
  value       = var.db_create_read_replica ? aws_db_instance.replica[0].endpoint : null
}

output "redis_primary_endpoint" {
  description = "Redis primary endpoint (follows failover)."
  value       = aws_elasticache_replication_group.this.primary_endpoint_address
}

output "redis_reader_endpoint" {
  description = "Redis reader endpoint."
  value       = aws_elasticache_replication_group.this.reader_endpoint_address
}

output "documents_bucket" {
  description = "Name of the documents bucket."
  value       = aws_s3_bucket.documents.bucket
}

output "app_secret_name" {
  description = "Secrets Manager secret with the app env vars: Helm value externalSecrets.remoteKey."
  value       = aws_secretsmanager_secret.app.name
}

output "app_secret_arn" {
  description = "ARN of the app secret."
  value       = aws_secretsmanager_secret.app.arn
}

output "app_role_arn" {
  description = "IRSA role of the apps: Helm value serviceAccount.annotations.\"eks.amazonaws.com/role-arn\"."
  value       = aws_iam_role.app.arn
}

output "external_secrets_role_arn" {
  description = "IRSA role for the External Secrets Operator's ServiceAccount."
  value       = aws_iam_role.external_secrets.arn
}

output "ecr_repository_url" {
  description = "Where the release workflow pushes the image: Helm value image.repository."
  value       = aws_ecr_repository.app.repository_url
}

output "ci_role_arn" {
  description = "Role the release workflow assumes (GitHub OIDC): repository variable AWS_RELEASE_ROLE_ARN."
  value       = var.github_repository == "" ? null : aws_iam_role.ci[0].arn
}

output "backup_bucket" {
  description = "Bucket of the RDS snapshot exports."
  value       = aws_s3_bucket.backups.bucket
}

output "bastion_instance_id" {
  description = "SSM bastion (aws ssm start-session --target ...)."
  value       = var.bastion_enabled ? aws_instance.bastion[0].id : null
}

output "db_port_forward_command" {
  description = "Forwards localhost:15432 to the platform database through the SSM bastion."
  value = var.bastion_enabled ? format(
    "aws ssm start-session --region %s --target %s --document-name AWS-StartPortForwardingSessionToRemoteHost --parameters '{\"host\":[\"%s\"],\"portNumber\":[\"5432\"],\"localPortNumber\":[\"15432\"]}'",
    var.region, aws_instance.bastion[0].id, aws_db_instance.this.address,
  ) : null
}

output "tenants" {
  description = "Per enterprise tenant: namespace, secret, database, node selector and its chart values."
  value = {
    for name, t in module.tenant : name => {
      namespace              = t.namespace
      secret_name            = t.secret_name
      db_instance_identifier = t.db_instance_identifier
      db_endpoint            = t.db_endpoint
      documents_bucket       = t.documents_bucket
      node_selector          = t.node_selector
      chart_values           = t.chart_values
    }
  }
}

output "chart_values" {
  description = "deploy/helm/cxgenie/values-production.yaml, as this apply would fill it."
  value = yamlencode({
    image          = { repository = aws_ecr_repository.app.repository_url }
    serviceAccount = { annotations = { "eks.amazonaws.com/role-arn" = aws_iam_role.app.arn } }
    config         = { S3_BUCKET = aws_s3_bucket.documents.bucket, S3_REGION = var.region }
    externalSecrets = {
      create    = true
      remoteKey = aws_secretsmanager_secret.app.name
    }
  })
}
