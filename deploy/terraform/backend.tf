# State lives in S3 (encrypted, with locking). The bucket and key are given at
# init time, e.g.:
#   terraform init -backend-config=environments/production.s3.tfbackend
terraform {
  backend "s3" {}
}
