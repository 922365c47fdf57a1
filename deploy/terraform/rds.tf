# PostgreSQL 15 on RDS: Multi-AZ primary, optional read replica
# (exposed to the apps as DATABASE_REPLICA_URL).

resource "random_password" "db" {
  length  = 40
  special = false
}

resource "aws_db_subnet_group" "this" {
  name       = local.name
  subnet_ids = aws_subnet.private[*].id
}

resource "aws_security_group" "db" {
  name        = "${local.name}-postgres"
  description = "PostgreSQL access from the EKS cluster"
  vpc_id      = aws_vpc.this.id

  tags = { Name = "${local.name}-postgres" }
}

resource "aws_vpc_security_group_ingress_rule" "db_from_eks" {
  security_group_id            = aws_security_group.db.id
  referenced_security_group_id = aws_eks_cluster.this.vpc_config[0].cluster_security_group_id
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  description                  = "EKS nodes and pods"
}

resource "aws_db_parameter_group" "this" {
  name   = "${local.name}-postgres15"
  family = "postgres15"

  # Clients must use TLS (the apps: PGSSLMODE, see deploy/terraform/README.md).
  parameter {
    name  = "rds.force_ssl"
    value = var.db_force_ssl ? "1" : "0"
  }

  parameter {
    name  = "log_min_duration_statement"
    value = "1000"
  }
}

resource "aws_db_instance" "this" {
  identifier     = "${local.name}-postgres"
  engine         = "postgres"
  engine_version = var.db_engine_version
  instance_class = var.db_instance_class

  db_name  = var.db_name
  username = var.db_username
  password = random_password.db.result
  port     = 5432

  allocated_storage     = var.db_allocated_storage
  max_allocated_storage = var.db_max_allocated_storage
  storage_type          = "gp3"
  storage_encrypted     = true

  multi_az               = var.db_multi_az
  db_subnet_group_name   = aws_db_subnet_group.this.name
  vpc_security_group_ids = [aws_security_group.db.id]
  parameter_group_name   = aws_db_parameter_group.this.name
  publicly_accessible    = false

  # Automated backups plus transaction logs: point-in-time restore anywhere in the window
  # (deploy/README.md, Restore). Each day's snapshot is also exported to the backup bucket.
  backup_retention_period    = var.db_backup_retention_days
  delete_automated_backups   = false
  backup_window              = "03:00-04:00"
  maintenance_window         = "sun:04:30-sun:05:30"
  auto_minor_version_upgrade = true
  copy_tags_to_snapshot      = true
  deletion_protection        = var.db_deletion_protection
  skip_final_snapshot        = false
  final_snapshot_identifier  = "${local.name}-postgres-final"

  performance_insights_enabled    = true
  enabled_cloudwatch_logs_exports = ["postgresql", "upgrade"]
}

resource "aws_db_instance" "replica" {
  count = var.db_create_read_replica ? 1 : 0

  identifier          = "${local.name}-postgres-replica"
  replicate_source_db = aws_db_instance.this.identifier
  instance_class      = coalesce(var.db_replica_instance_class, var.db_instance_class)

  storage_type           = "gp3"
  storage_encrypted      = true
  max_allocated_storage  = var.db_max_allocated_storage
  vpc_security_group_ids = [aws_security_group.db.id]
  parameter_group_name   = aws_db_parameter_group.this.name
  publicly_accessible    = false

  backup_retention_period    = 0
  auto_minor_version_upgrade = true
  skip_final_snapshot        = true

  performance_insights_enabled = true
}

locals {
  db_url_query = var.db_url_params == "" ? "" : "?${var.db_url_params}"

  database_url = format(
    "postgres://%s:%s@%s:%d/%s%s",
    var.db_username, random_password.db.result,
    aws_db_instance.this.address, aws_db_instance.this.port,
    var.db_name, local.db_url_query,
  )

  database_replica_url = var.db_create_read_replica ? format(
    "postgres://%s:%s@%s:%d/%s%s",
    var.db_username, random_password.db.result,
    aws_db_instance.replica[0].address, aws_db_instance.replica[0].port,
    var.db_name, local.db_url_query,
  ) : ""
}
