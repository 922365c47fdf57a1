# An enterprise tenant's own slice of the platform: a PostgreSQL instance (automated backups,
# point-in-time recovery), a Redis, a node group only its pods may use (label and taint
# cxgenie.io/tenant=<tenant>), its Kubernetes namespace, and a Secrets Manager secret with
# every secret env var its release reads (deploy/tenants/<tenant>/values.yaml points at it).

locals {
  name       = "${var.name_prefix}-${var.tenant}"
  namespace  = "cxgenie-${var.tenant}"
  node_label = { "cxgenie.io/tenant" = var.tenant }
}

# ---- PostgreSQL -------------------------------------------------------------------------------

resource "random_password" "db" {
  length  = 40
  special = false
}

resource "aws_db_subnet_group" "this" {
  name       = local.name
  subnet_ids = var.private_subnet_ids
}

resource "aws_security_group" "db" {
  name        = "${local.name}-postgres"
  description = "PostgreSQL of tenant ${var.tenant}: EKS pods and operators only"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_ingress_rule" "db_from_eks" {
  security_group_id            = aws_security_group.db.id
  referenced_security_group_id = var.cluster_security_group_id
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
}

resource "aws_vpc_security_group_ingress_rule" "db_from_operators" {
  count = var.operator_security_group_id == "" ? 0 : 1

  security_group_id            = aws_security_group.db.id
  referenced_security_group_id = var.operator_security_group_id
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
}

resource "aws_db_instance" "this" {
  identifier     = "${local.name}-postgres"
  engine         = "postgres"
  engine_version = var.db_engine_version
  instance_class = var.db_instance_class

  db_name  = "cxgenie"
  username = "cxgenie"
  password = random_password.db.result

  allocated_storage     = var.db_allocated_storage
  max_allocated_storage = var.db_allocated_storage * 4
  storage_type          = "gp3"
  storage_encrypted     = true

  multi_az               = var.db_multi_az
  db_subnet_group_name   = aws_db_subnet_group.this.name
  vpc_security_group_ids = [aws_security_group.db.id]
  parameter_group_name   = var.db_parameter_group_name
  publicly_accessible    = false

  backup_retention_period    = var.backup_retention_days
  delete_automated_backups   = false
  backup_window              = "03:00-04:00"
  maintenance_window         = "sun:04:30-sun:05:30"
  auto_minor_version_upgrade = true
  copy_tags_to_snapshot      = true
  deletion_protection        = true
  skip_final_snapshot        = false
  final_snapshot_identifier  = "${local.name}-postgres-final"

  performance_insights_enabled    = true
  enabled_cloudwatch_logs_exports = ["postgresql", "upgrade"]

  tags = { Tenant = var.tenant }
}

# ---- Redis (queues, locks, Socket.IO fan-out: nothing shared with other tenants) ----------

resource "random_password" "redis" {
  length  = 64
  special = false
}

resource "aws_elasticache_subnet_group" "this" {
  name       = local.name
  subnet_ids = var.private_subnet_ids
}

resource "aws_security_group" "redis" {
  name        = "${local.name}-redis"
  description = "Redis of tenant ${var.tenant}: EKS pods only"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_ingress_rule" "redis_from_eks" {
  security_group_id            = aws_security_group.redis.id
  referenced_security_group_id = var.cluster_security_group_id
  ip_protocol                  = "tcp"
  from_port                    = 6379
  to_port                      = 6379
}

resource "aws_elasticache_replication_group" "this" {
  replication_group_id       = "${local.name}-redis"
  description                = "Redis of tenant ${var.tenant}"
  engine                     = "redis"
  engine_version             = "7.1"
  node_type                  = var.redis_node_type
  num_cache_clusters         = 2
  automatic_failover_enabled = true
  multi_az_enabled           = true
  subnet_group_name          = aws_elasticache_subnet_group.this.name
  security_group_ids         = [aws_security_group.redis.id]
  at_rest_encryption_enabled = true
  transit_encryption_enabled = true
  auth_token                 = random_password.redis.result
  parameter_group_name       = "default.redis7"
  snapshot_retention_limit   = 7

  tags = { Tenant = var.tenant }
}

# ---- nodes only this tenant's pods are scheduled on --------------------------------------

resource "aws_eks_node_group" "this" {
  cluster_name    = var.cluster_name
  node_group_name = local.name
  node_role_arn   = var.node_role_arn
  subnet_ids      = var.private_subnet_ids
  instance_types  = var.node_instance_types

  scaling_config {
    min_size     = var.node_min_size
    desired_size = var.node_desired_size
    max_size     = var.node_max_size
  }

  update_config {
    max_unavailable = 1
  }

  # The chart's tenant.dedicatedNodes puts this nodeSelector and toleration on every pod.
  labels = local.node_label

  taint {
    key    = "cxgenie.io/tenant"
    value  = var.tenant
    effect = "NO_SCHEDULE"
  }

  tags = { Tenant = var.tenant }

  lifecycle {
    ignore_changes = [scaling_config[0].desired_size]
  }
}

# ---- namespace -------------------------------------------------------------------------------

resource "kubernetes_namespace_v1" "this" {
  count = var.create_namespace ? 1 : 0

  metadata {
    name = local.namespace
    labels = merge(local.node_label, {
      "pod-security.kubernetes.io/enforce" = "restricted"
    })
  }
}

# ---- the release's Secret, synced by External Secrets ---------------------------------------

resource "random_password" "jwt" {
  length  = 64
  special = false
}

resource "random_id" "encryption_key" {
  byte_length = 32
}

resource "random_password" "service_token" {
  length  = 64
  special = false
}

resource "aws_secretsmanager_secret" "this" {
  name        = "${var.secret_prefix}/tenants/${var.tenant}"
  description = "CX Genie tenant ${var.tenant}: application secrets (env vars)"
}

resource "aws_secretsmanager_secret_version" "this" {
  secret_id = aws_secretsmanager_secret.this.id
  secret_string = jsonencode(merge(
    { for k, v in var.app_secrets : k => v if v != "" },
    {
      DATABASE_URL = format(
        "postgres://cxgenie:%s@%s:%d/cxgenie",
        random_password.db.result, aws_db_instance.this.address, aws_db_instance.this.port,
      )
      REDIS_URL      = "rediss://:${random_password.redis.result}@${aws_elasticache_replication_group.this.primary_endpoint_address}:6379"
      JWT_SECRET     = random_password.jwt.result
      ENCRYPTION_KEY = random_id.encryption_key.hex
      SERVICE_TOKEN  = random_password.service_token.result
    },
  ))
}
