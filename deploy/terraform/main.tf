data "aws_availability_zones" "available" {
  state = "available"
}

data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

locals {
  name = "${var.name}-${var.environment}"
  azs  = slice(data.aws_availability_zones.available.names, 0, var.az_count)

  # /20 per subnet out of the VPC range: public in the first block, private after.
  public_subnet_cidrs  = [for i in range(var.az_count) : cidrsubnet(var.vpc_cidr, 4, i)]
  private_subnet_cidrs = [for i in range(var.az_count) : cidrsubnet(var.vpc_cidr, 4, i + 8)]

  cluster_name = local.name

  documents_bucket_name = coalesce(
    var.documents_bucket_name,
    "${local.name}-documents-${data.aws_caller_identity.current.account_id}",
  )

  app_secret_name = coalesce(var.app_secret_name, "${var.name}/${var.environment}/app")
}
