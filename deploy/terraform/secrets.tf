# One Secrets Manager secret holding every secret env var of the apps as a JSON
# object. The Helm chart's ExternalSecret (externalSecrets.remoteKey) copies it
# key by key into the Kubernetes Secret the pods load with envFrom.

resource "random_password" "jwt" {
  length  = 64
  special = false
}

resource "random_password" "service_token" {
  length  = 64
  special = false
}

# 32 random bytes, hex encoded.
resource "random_id" "encryption_key" {
  byte_length = 32
}

resource "aws_secretsmanager_secret" "app" {
  name                    = local.app_secret_name
  description             = "CX Genie ${var.environment} application secrets (env vars)"
  recovery_window_in_days = var.secret_recovery_window_days
}

locals {
  app_secret_values = {
    DATABASE_URL         = local.database_url
    DATABASE_REPLICA_URL = local.database_replica_url
    REDIS_URL            = local.redis_url
    JWT_SECRET           = random_password.jwt.result
    ENCRYPTION_KEY       = random_id.encryption_key.hex
    SERVICE_TOKEN        = random_password.service_token.result
    OPENAI_API_KEY       = var.openai_api_key
    ANTHROPIC_API_KEY    = var.anthropic_api_key
    LAUNCHDARKLY_SDK_KEY = var.launchdarkly_sdk_key
    MILVUS_TOKEN         = var.milvus_token
  }
}

resource "aws_secretsmanager_secret_version" "app" {
  secret_id = aws_secretsmanager_secret.app.id
  # Unset optional values are left out rather than exported as empty strings.
  secret_string = jsonencode({ for k, v in local.app_secret_values : k => v if v != "" })
}
