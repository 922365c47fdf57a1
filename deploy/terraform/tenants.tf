# One module instance per enterprise tenant (var.tenants); the shared deployment needs none.
module "tenant" {
  source   = "./modules/tenant"
  for_each = var.tenants

  tenant        = each.key
  name_prefix   = local.name
  secret_prefix = "${var.name}/${var.environment}"

  vpc_id                     = aws_vpc.this.id
  private_subnet_ids         = aws_subnet.private[*].id
  cluster_name               = aws_eks_cluster.this.name
  cluster_security_group_id  = aws_eks_cluster.this.vpc_config[0].cluster_security_group_id
  node_role_arn              = aws_iam_role.node.arn
  oidc_provider_arn          = aws_iam_openid_connect_provider.eks.arn
  oidc_issuer_host           = local.oidc_issuer_host
  operator_security_group_id = var.bastion_enabled ? aws_security_group.bastion[0].id : ""

  db_engine_version       = var.db_engine_version
  db_parameter_group_name = aws_db_parameter_group.this.name
  db_instance_class       = each.value.db_instance_class
  db_allocated_storage    = each.value.db_allocated_storage
  db_multi_az             = each.value.db_multi_az
  backup_retention_days   = each.value.backup_retention_days
  redis_node_type         = each.value.redis_node_type
  node_instance_types     = each.value.node_instance_types
  node_min_size           = each.value.node_min_size
  node_desired_size       = each.value.node_desired_size
  node_max_size           = each.value.node_max_size
  create_namespace        = each.value.create_namespace

  app_secrets = {
    OPENAI_API_KEY       = var.openai_api_key
    ANTHROPIC_API_KEY    = var.anthropic_api_key
    LAUNCHDARKLY_SDK_KEY = var.launchdarkly_sdk_key
    MILVUS_TOKEN         = var.milvus_token
  }

  depends_on = [aws_eks_node_group.default]
}
