# IAM roles for Kubernetes service accounts (IRSA):
#   app              the chart's ServiceAccount: read/write the documents bucket
#   external-secrets External Secrets Operator: read the app secret

data "aws_iam_policy_document" "irsa_assume" {
  for_each = {
    app              = "system:serviceaccount:${var.k8s_namespace}:${var.k8s_service_account}"
    external_secrets = "system:serviceaccount:${var.external_secrets_namespace}:${var.external_secrets_service_account}"
  }

  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = [aws_iam_openid_connect_provider.eks.arn]
    }
    condition {
      test     = "StringEquals"
      variable = "${local.oidc_issuer_host}:sub"
      values   = [each.value]
    }
    condition {
      test     = "StringEquals"
      variable = "${local.oidc_issuer_host}:aud"
      values   = ["sts.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "app" {
  name               = "${local.name}-app"
  assume_role_policy = data.aws_iam_policy_document.irsa_assume["app"].json
}

data "aws_iam_policy_document" "app" {
  statement {
    sid       = "ListDocuments"
    actions   = ["s3:ListBucket"]
    resources = [aws_s3_bucket.documents.arn]
  }
  statement {
    sid       = "ReadWriteDocuments"
    actions   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]
    resources = ["${aws_s3_bucket.documents.arn}/*"]
  }
}

resource "aws_iam_role_policy" "app" {
  name   = "documents-bucket"
  role   = aws_iam_role.app.id
  policy = data.aws_iam_policy_document.app.json
}

resource "aws_iam_role" "external_secrets" {
  name               = "${local.name}-external-secrets"
  assume_role_policy = data.aws_iam_policy_document.irsa_assume["external_secrets"].json
}

data "aws_iam_policy_document" "external_secrets" {
  statement {
    actions = [
      "secretsmanager:GetSecretValue",
      "secretsmanager:DescribeSecret",
    ]
    # The platform's secret and each enterprise tenant's.
    resources = concat([aws_secretsmanager_secret.app.arn], [for t in module.tenant : t.secret_arn])
  }
}

resource "aws_iam_role_policy" "external_secrets" {
  name   = "read-app-secret"
  role   = aws_iam_role.external_secrets.id
  policy = data.aws_iam_policy_document.external_secrets.json
}
