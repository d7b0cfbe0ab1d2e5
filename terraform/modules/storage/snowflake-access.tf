# The role Snowflake's storage integration assumes to read the raw zone
# (its external stage). Snowflake's IAM user and external id come from the
# integration; the role's ARN is known before it exists, which breaks the cycle.
data "aws_iam_policy_document" "snowflake_trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = [var.snowflake_iam_user_arn]
    }
    condition {
      test     = "StringEquals"
      variable = "sts:ExternalId"
      values   = [var.snowflake_external_id]
    }
  }
}

resource "aws_iam_role" "snowflake" {
  name               = var.snowflake_role_name
  assume_role_policy = data.aws_iam_policy_document.snowflake_trust.json
  tags               = var.tags
}

data "aws_iam_policy_document" "snowflake_read" {
  statement {
    sid       = "ReadRawZone"
    actions   = ["s3:GetObject", "s3:GetObjectVersion"]
    resources = ["${aws_s3_bucket.this["raw"].arn}/*"]
  }
  statement {
    sid       = "ListRawZone"
    actions   = ["s3:ListBucket", "s3:GetBucketLocation"]
    resources = [aws_s3_bucket.this["raw"].arn]
  }
  statement {
    sid       = "DecryptRawZone"
    actions   = ["kms:Decrypt"]
    resources = [aws_kms_key.data.arn]
  }
}

resource "aws_iam_role_policy" "snowflake_read" {
  name   = "read-raw-zone"
  role   = aws_iam_role.snowflake.id
  policy = data.aws_iam_policy_document.snowflake_read.json
}
