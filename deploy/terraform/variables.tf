# ---- general --------------------------------------------------------------------

variable "name" {
  description = "Project name, used as a prefix for every resource."
  type        = string
  default     = "cxgenie"
}

variable "environment" {
  description = "Environment name (production, staging, ...). Resources are named <name>-<environment>."
  type        = string
  default     = "production"
}

variable "region" {
  description = "AWS region."
  type        = string
  default     = "us-east-1"
}

variable "tags" {
  description = "Extra tags added to every resource."
  type        = map(string)
  default     = {}
}

# ---- network --------------------------------------------------------------------

variable "vpc_cidr" {
  description = "CIDR block of the VPC (a /16 is split into /20 subnets)."
  type        = string
  default     = "10.40.0.0/16"
}

variable "az_count" {
  description = "Number of availability zones to spread subnets, nodes, RDS and Redis over."
  type        = number
  default     = 3

  validation {
    condition     = var.az_count >= 2 && var.az_count <= 4
    error_message = "az_count must be between 2 and 4 (Multi-AZ RDS and Redis failover need at least 2)."
  }
}

variable "single_nat_gateway" {
  description = "Use one NAT gateway for all AZs (cheaper, but an AZ outage cuts egress). Production should keep one per AZ."
  type        = bool
  default     = false
}

# ---- EKS ------------------------------------------------------------------------

variable "cluster_version" {
  description = "Kubernetes version of the EKS control plane (the chart is checked against 1.33)."
  type        = string
  default     = "1.33"
}

variable "cluster_endpoint_public_access" {
  description = "Expose the Kubernetes API endpoint publicly, to cluster_endpoint_public_access_cidrs only. Off: reach it through the SSM bastion or a VPN."
  type        = bool
  default     = false
}

variable "cluster_endpoint_public_access_cidrs" {
  description = "CIDRs allowed to reach the public Kubernetes API endpoint (office, VPN, CI egress). Required, and never 0.0.0.0/0, when the endpoint is public."
  type        = list(string)
  default     = []

  validation {
    condition     = !contains(var.cluster_endpoint_public_access_cidrs, "0.0.0.0/0")
    error_message = "The Kubernetes API is never open to 0.0.0.0/0: list the CIDRs that may reach it."
  }
}

variable "node_instance_types" {
  description = "Instance types of the managed node group."
  type        = list(string)
  default     = ["m6i.xlarge"]
}

variable "node_ami_type" {
  description = "AMI type of the managed node group."
  type        = string
  default     = "AL2023_x86_64_STANDARD"
}

variable "node_capacity_type" {
  description = "ON_DEMAND or SPOT."
  type        = string
  default     = "ON_DEMAND"

  validation {
    condition     = contains(["ON_DEMAND", "SPOT"], var.node_capacity_type)
    error_message = "node_capacity_type must be ON_DEMAND or SPOT."
  }
}

variable "node_disk_size" {
  description = "Root volume size of each node, in GiB."
  type        = number
  default     = 50
}

variable "node_min_size" {
  description = "Minimum number of nodes."
  type        = number
  default     = 3
}

variable "node_desired_size" {
  description = "Initial number of nodes (later owned by the cluster autoscaler)."
  type        = number
  default     = 4
}

variable "node_max_size" {
  description = "Maximum number of nodes. Must leave room for gateway-api and core-ai at 20 replicas each."
  type        = number
  default     = 12
}

variable "log_retention_days" {
  description = "Retention of the EKS control-plane CloudWatch logs, in days."
  type        = number
  default     = 90
}

# ---- RDS PostgreSQL -------------------------------------------------------------

variable "db_engine_version" {
  description = "PostgreSQL engine version (a major version picks the latest minor)."
  type        = string
  default     = "15"
}

variable "db_instance_class" {
  description = "Instance class of the primary database."
  type        = string
  default     = "db.r6g.large"
}

variable "db_allocated_storage" {
  description = "Initial storage of the database, in GiB."
  type        = number
  default     = 100
}

variable "db_max_allocated_storage" {
  description = "Upper bound for storage autoscaling, in GiB."
  type        = number
  default     = 1000
}

variable "db_name" {
  description = "Name of the application database."
  type        = string
  default     = "cxgenie"
}

variable "db_username" {
  description = "Master user name of the database."
  type        = string
  default     = "cxgenie"
}

variable "db_multi_az" {
  description = "Run the primary as Multi-AZ (synchronous standby in another AZ)."
  type        = bool
  default     = true
}

variable "db_create_read_replica" {
  description = "Create a read replica; its URL is stored as DATABASE_REPLICA_URL in the app secret."
  type        = bool
  default     = false
}

variable "db_replica_instance_class" {
  description = "Instance class of the read replica (defaults to db_instance_class)."
  type        = string
  default     = null
}

variable "db_backup_retention_days" {
  description = "Days of automated backups: the point-in-time recovery window (1-35)."
  type        = number
  default     = 14

  validation {
    condition     = var.db_backup_retention_days >= 7 && var.db_backup_retention_days <= 35
    error_message = "Keep at least 7 days of point-in-time recovery (RDS allows up to 35)."
  }
}

variable "db_deletion_protection" {
  description = "Refuse to delete the database until this is turned off."
  type        = bool
  default     = true
}

variable "db_force_ssl" {
  description = "Set rds.force_ssl: reject unencrypted connections (the apps then need PGSSLMODE, see README)."
  type        = bool
  default     = true
}

variable "db_url_params" {
  description = "Query string (without '?') appended to DATABASE_URL / DATABASE_REPLICA_URL, for libpq-style clients such as psql."
  type        = string
  default     = "sslmode=require"
}

# ---- ElastiCache Redis ----------------------------------------------------------

variable "redis_engine_version" {
  description = "Redis engine version."
  type        = string
  default     = "7.1"
}

variable "redis_node_type" {
  description = "Node type of the Redis replication group."
  type        = string
  default     = "cache.r6g.large"
}

variable "redis_num_cache_clusters" {
  description = "Nodes in the replication group (1 primary + N-1 replicas, spread over AZs)."
  type        = number
  default     = 2

  validation {
    condition     = var.redis_num_cache_clusters >= 2
    error_message = "Automatic failover needs at least 2 nodes."
  }
}

variable "redis_snapshot_retention_days" {
  description = "Days of Redis snapshots to keep (0 disables snapshots)."
  type        = number
  default     = 7
}

# ---- S3 -------------------------------------------------------------------------

variable "documents_bucket_name" {
  description = "Name of the documents bucket. Empty = <name>-<environment>-documents-<account id>."
  type        = string
  default     = ""
}

variable "documents_noncurrent_version_days" {
  description = "Days to keep overwritten or deleted document versions."
  type        = number
  default     = 30
}

# ---- secrets and Kubernetes identities ------------------------------------------

variable "app_secret_name" {
  description = "Secrets Manager name of the app secret. Empty = <name>/<environment>/app (the Helm chart's externalSecrets.remoteKey)."
  type        = string
  default     = ""
}

variable "secret_recovery_window_days" {
  description = "Days Secrets Manager keeps a deleted secret recoverable (0 deletes at once)."
  type        = number
  default     = 7
}

variable "openai_api_key" {
  description = "OpenAI API key (OPENAI_API_KEY). Pass with TF_VAR_openai_api_key; empty leaves it out."
  type        = string
  default     = ""
  sensitive   = true
}

variable "anthropic_api_key" {
  description = "Anthropic API key (ANTHROPIC_API_KEY). Pass with TF_VAR_anthropic_api_key; empty leaves it out."
  type        = string
  default     = ""
  sensitive   = true
}

variable "launchdarkly_sdk_key" {
  description = "LaunchDarkly server SDK key (LAUNCHDARKLY_SDK_KEY). Empty leaves it out."
  type        = string
  default     = ""
  sensitive   = true
}

variable "milvus_token" {
  description = "Milvus / Zilliz token (MILVUS_TOKEN) when VECTOR_STORE=milvus. Empty leaves it out."
  type        = string
  default     = ""
  sensitive   = true
}

variable "k8s_namespace" {
  description = "Namespace the Helm chart is installed in (for the app's IRSA trust policy)."
  type        = string
  default     = "cxgenie"
}

variable "k8s_service_account" {
  description = "ServiceAccount of the apps (the chart's fullname: `cxgenie` for release name cxgenie)."
  type        = string
  default     = "cxgenie"
}

variable "external_secrets_namespace" {
  description = "Namespace of the External Secrets Operator."
  type        = string
  default     = "external-secrets"
}

variable "external_secrets_service_account" {
  description = "ServiceAccount of the External Secrets Operator."
  type        = string
  default     = "external-secrets"
}

# ---- images ---------------------------------------------------------------------

variable "ecr_keep_release_images" {
  description = "Release images (tagged v*) kept in ECR; older ones expire."
  type        = number
  default     = 50
}

variable "ecr_untagged_expiry_days" {
  description = "Days before an untagged image (a superseded build) expires."
  type        = number
  default     = 7
}

variable "github_repository" {
  description = "owner/name of the GitHub repository whose release workflow pushes images (OIDC, no stored keys). Empty: no CI role."
  type        = string
  default     = ""
}

# ---- operator access ------------------------------------------------------------

variable "bastion_enabled" {
  description = "An SSM-managed bastion in a private subnet (no SSH, no public IP) for database and Kubernetes API access."
  type        = bool
  default     = true
}

variable "bastion_instance_type" {
  description = "Instance type of the bastion."
  type        = string
  default     = "t3.micro"
}

# ---- backups --------------------------------------------------------------------

variable "backup_bucket_name" {
  description = "Bucket for RDS snapshot exports (default <name>-<environment>-backups-<account id>)."
  type        = string
  default     = ""
}

variable "backup_export_retention_days" {
  description = "Days exported snapshots are kept in the backup bucket (Glacier after 30)."
  type        = number
  default     = 365
}

variable "backup_export_enabled" {
  description = "Export every automated RDS snapshot (platform and tenant databases) to the backup bucket as Parquet."
  type        = bool
  default     = true
}

# ---- tenants --------------------------------------------------------------------

variable "tenants" {
  description = "Enterprise tenants with a database, Redis, node group and namespace of their own (module tenant). Keys are tenant names (deploy/tenants/<name>)."
  type = map(object({
    db_instance_class     = optional(string, "db.m6g.large")
    db_allocated_storage  = optional(number, 100)
    db_multi_az           = optional(bool, true)
    redis_node_type       = optional(string, "cache.t4g.medium")
    node_instance_types   = optional(list(string), ["m6i.xlarge"])
    node_min_size         = optional(number, 2)
    node_desired_size     = optional(number, 2)
    node_max_size         = optional(number, 6)
    backup_retention_days = optional(number, 14)
    create_namespace      = optional(bool, true)
  }))
  default = {}

  validation {
    condition     = alltrue([for name in keys(var.tenants) : can(regex("^[a-z0-9]([-a-z0-9]{0,28}[a-z0-9])?$", name)) && name != "shared"])
    error_message = "Tenant names are DNS labels of at most 30 characters, and `shared` is the pooled deployment's."
  }
}
