# Operator access without anything listening on the internet: a bastion in a private subnet with
# no SSH and no public IP, reached through AWS Systems Manager Session Manager. It forwards ports
# to RDS (psql, pg_dump, a restore check) and to the private Kubernetes API:
#   aws ssm start-session --target <bastion_instance_id> \
#     --document-name AWS-StartPortForwardingSessionToRemoteHost \
#     --parameters '{"host":["<db_endpoint host>"],"portNumber":["5432"],"localPortNumber":["15432"]}'
# (terraform output db_port_forward_command prints it filled in).

data "aws_ssm_parameter" "al2023" {
  count = var.bastion_enabled ? 1 : 0
  name  = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"
}

data "aws_iam_policy_document" "bastion_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ec2.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "bastion" {
  count = var.bastion_enabled ? 1 : 0

  name               = "${local.name}-bastion"
  assume_role_policy = data.aws_iam_policy_document.bastion_assume.json
}

resource "aws_iam_role_policy_attachment" "bastion_ssm" {
  count = var.bastion_enabled ? 1 : 0

  role       = aws_iam_role.bastion[0].name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/AmazonSSMManagedInstanceCore"
}

resource "aws_iam_instance_profile" "bastion" {
  count = var.bastion_enabled ? 1 : 0

  name = "${local.name}-bastion"
  role = aws_iam_role.bastion[0].name
}

resource "aws_security_group" "bastion" {
  count = var.bastion_enabled ? 1 : 0

  name        = "${local.name}-bastion"
  description = "SSM bastion: no inbound; outbound to SSM, RDS and the Kubernetes API"
  vpc_id      = aws_vpc.this.id

  tags = { Name = "${local.name}-bastion" }
}

resource "aws_vpc_security_group_egress_rule" "bastion_all" {
  count = var.bastion_enabled ? 1 : 0

  security_group_id = aws_security_group.bastion[0].id
  ip_protocol       = "-1"
  cidr_ipv4         = "0.0.0.0/0"
  description       = "SSM endpoints (through the NAT), RDS, the EKS API"
}

resource "aws_vpc_security_group_ingress_rule" "db_from_bastion" {
  count = var.bastion_enabled ? 1 : 0

  security_group_id            = aws_security_group.db.id
  referenced_security_group_id = aws_security_group.bastion[0].id
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  description                  = "Operators through the SSM bastion"
}

resource "aws_vpc_security_group_ingress_rule" "eks_api_from_bastion" {
  count = var.bastion_enabled ? 1 : 0

  security_group_id            = aws_eks_cluster.this.vpc_config[0].cluster_security_group_id
  referenced_security_group_id = aws_security_group.bastion[0].id
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
  description                  = "kubectl through the SSM bastion (private endpoint)"
}

resource "aws_instance" "bastion" {
  count = var.bastion_enabled ? 1 : 0

  ami                         = data.aws_ssm_parameter.al2023[0].value
  instance_type               = var.bastion_instance_type
  subnet_id                   = aws_subnet.private[0].id
  vpc_security_group_ids      = [aws_security_group.bastion[0].id]
  iam_instance_profile        = aws_iam_instance_profile.bastion[0].name
  associate_public_ip_address = false

  metadata_options {
    http_tokens = "required"
  }

  root_block_device {
    encrypted   = true
    volume_size = 16
  }

  tags = { Name = "${local.name}-bastion" }

  lifecycle {
    ignore_changes = [ami]
  }
}
