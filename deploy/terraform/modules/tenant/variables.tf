variable "tenant" {
  description = "Tenant name: a DNS label (deploy/tenants/<tenant>)."
  type        = string
}

variable "name_prefix" {
  description = "<name>-<environment> of the platform; resources are named <prefix>-<tenant>-*."
  type        = string
}

variable "secret_prefix" {
  description = "Secrets Manager prefix; the tenant's secret is <prefix>/tenants/<tenant>."
  type        = string
}

variable "vpc_id" {
  type = string
}

variable "private_subnet_ids" {
  type = list(string)
}

variable "cluster_name" {
  type = string
}

variable "cluster_security_group_id" {
  description = "Security group of the EKS nodes and pods: the only clients of the tenant's database and Redis."
  type        = string
}

variable "node_role_arn" {
  type = string
}

variable "operator_security_group_id" {
  description = "The SSM bastion's security group (database access for operators); empty: none."
  type        = string
  default     = ""
}

variable "db_engine_version" {
  type    = string
  default = "15"
}

variable "db_parameter_group_name" {
  description = "The platform's PostgreSQL parameter group (TLS enforced, slow-query log)."
  type        = string
}

variable "db_instance_class" {
  type = string
}

variable "db_allocated_storage" {
  type = number
}

variable "db_multi_az" {
  type = bool
}

variable "backup_retention_days" {
  description = "Point-in-time recovery window of the tenant's database."
  type        = number
}

variable "redis_node_type" {
  type = string
}

variable "node_instance_types" {
  type = list(string)
}

variable "node_min_size" {
  type = number
}

variable "node_desired_size" {
  type = number
}

variable "node_max_size" {
  type = number
}

variable "create_namespace" {
  type = bool
}

variable "app_secrets" {
  description = "Provider keys shared with the platform (OPENAI_API_KEY, ...); empty values are left out."
  type        = map(string)
  default     = {}
  sensitive   = true
}

variable "oidc_provider_arn" {
  description = "The cluster's IAM OIDC provider (IRSA)."
  type        = string
}

variable "oidc_issuer_host" {
  description = "The cluster's OIDC issuer without https://."
  type        = string
}

variable "service_account" {
  description = "ServiceAccount name of the tenant's release (the chart's fullname: cxgenie)."
  type        = string
  default     = "cxgenie"
}
