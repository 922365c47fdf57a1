# Backups beyond RDS's own window. Every database (the platform's and each tenant's) keeps
# automated backups with point-in-time recovery (db_backup_retention_days); on top, each automated
# snapshot is exported to this bucket as soon as RDS creates it, and kept for
# backup_export_retention_days. Restore runbook: deploy/README.md.

locals {
  backup_bucket_name = coalesce(
    var.backup_bucket_name,
    "${local.name}-backups-${data.aws_caller_identity.current.account_id}",
  )
}

resource "aws_kms_key" "backups" {
  description             = "${local.name} RDS snapshot exports"
  deletion_window_in_days = 30
  enable_key_rotation     = true
}

resource "aws_s3_bucket" "backups" {
  bucket = local.backup_bucket_name
}

resource "aws_s3_bucket_public_access_block" "backups" {
  bucket                  = aws_s3_bucket.backups.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "backups" {
  bucket = aws_s3_bucket.backups.id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_versioning" "backups" {
  bucket = aws_s3_bucket.backups.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "backups" {
  bucket = aws_s3_bucket.backups.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.backups.arn
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "backups" {
  bucket = aws_s3_bucket.backups.id
  rule {
    id     = "exports"
    status = "Enabled"
    filter {
      prefix = "rds-exports/"
    }
    transition {
      days          = 30
      storage_class = "GLACIER_IR"
    }
    expiration {
      days = var.backup_export_retention_days
    }
    noncurrent_version_expiration {
      noncurrent_days = 30
    }
  }
}

# ---- the role RDS exports with ---------------------------------------------------------

data "aws_iam_policy_document" "rds_export_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["export.rds.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "rds_export" {
  name               = "${local.name}-rds-export"
  assume_role_policy = data.aws_iam_policy_document.rds_export_assume.json
}

data "aws_iam_policy_document" "rds_export" {
  statement {
    actions   = ["s3:PutObject*", "s3:ListBucket", "s3:GetObject*", "s3:DeleteObject*", "s3:GetBucketLocation"]
    resources = [aws_s3_bucket.backups.arn, "${aws_s3_bucket.backups.arn}/*"]
  }
}

resource "aws_iam_role_policy" "rds_export" {
  name   = "write-backup-bucket"
  role   = aws_iam_role.rds_export.id
  policy = data.aws_iam_policy_document.rds_export.json
}

# ---- a snapshot appears, its export starts ---------------------------------------------------

data "archive_file" "snapshot_export" {
  type        = "zip"
  source_file = "${path.module}/lambda/rds-snapshot-export/index.mjs"
  output_path = "${path.module}/.build/rds-snapshot-export.zip"
}

data "aws_iam_policy_document" "lambda_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "snapshot_export" {
  count = var.backup_export_enabled ? 1 : 0

  name               = "${local.name}-snapshot-export"
  assume_role_policy = data.aws_iam_policy_document.lambda_assume.json
}

data "aws_iam_policy_document" "snapshot_export" {
  statement {
    actions   = ["rds:StartExportTask", "rds:DescribeDBSnapshots"]
    resources = ["*"]
  }
  statement {
    actions   = ["iam:PassRole"]
    resources = [aws_iam_role.rds_export.arn]
  }
  statement {
    actions = [
      "kms:CreateGrant",
      "kms:DescribeKey",
      "kms:Encrypt",
      "kms:Decrypt",
      "kms:GenerateDataKey*",
      "kms:ReEncrypt*",
      "kms:RetireGrant",
    ]
    resources = [aws_kms_key.backups.arn]
  }
  statement {
    actions   = ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["arn:${data.aws_partition.current.partition}:logs:*:*:*"]
  }
}

resource "aws_iam_role_policy" "snapshot_export" {
  count = var.backup_export_enabled ? 1 : 0

  name   = "start-exports"
  role   = aws_iam_role.snapshot_export[0].id
  policy = data.aws_iam_policy_document.snapshot_export.json
}

resource "aws_lambda_function" "snapshot_export" {
  count = var.backup_export_enabled ? 1 : 0

  function_name    = "${local.name}-rds-snapshot-export"
  role             = aws_iam_role.snapshot_export[0].arn
  runtime          = "nodejs20.x"
  handler          = "index.handler"
  filename         = data.archive_file.snapshot_export.output_path
  source_code_hash = data.archive_file.snapshot_export.output_base64sha256
  timeout          = 30

  environment {
    variables = {
      BACKUP_BUCKET      = aws_s3_bucket.backups.bucket
      EXPORT_ROLE_ARN    = aws_iam_role.rds_export.arn
      EXPORT_KMS_KEY_ARN = aws_kms_key.backups.arn
    }
  }
}

resource "aws_cloudwatch_event_rule" "snapshot_created" {
  count = var.backup_export_enabled ? 1 : 0

  name        = "${local.name}-rds-snapshot-created"
  description = "An automated RDS snapshot was created (RDS-EVENT-0091)"
  event_pattern = jsonencode({
    source        = ["aws.rds"]
    "detail-type" = ["RDS DB Snapshot Event"]
    detail = {
      EventID = ["RDS-EVENT-0091"]
    }
  })
}

resource "aws_cloudwatch_event_target" "snapshot_export" {
  count = var.backup_export_enabled ? 1 : 0

  rule = aws_cloudwatch_event_rule.snapshot_created[0].name
  arn  = aws_lambda_function.snapshot_export[0].arn
}

resource "aws_lambda_permission" "snapshot_export" {
  count = var.backup_export_enabled ? 1 : 0

  statement_id  = "rds-snapshot-created"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.snapshot_export[0].function_name
  principal     = "events.amazonaws.com"
  source_arn    = aws_cloudwatch_event_rule.snapshot_created[0].arn
}
