# Raw zone, quarantine and archive: one KMS key, every bucket private,
# versioned, TLS-only, and kept 7 years (2557 days) at the most.
locals {
  buckets = {
    raw = {
      # Recent raw files are reloaded by backfills; COPY cannot read Deep
      # Archive without a restore, so they stay readable for the first year.
      transitions = [{ days = 30, storage_class = "STANDARD_IA" }, { days = 365, storage_class = "DEEP_ARCHIVE" }]
    }
    quarantine = {
      transitions = [{ days = 90, storage_class = "STANDARD_IA" }]
    }
    archive = {
      transitions = [{ days = 0, storage_class = "DEEP_ARCHIVE" }]
    }
  }
  retention_days = 2557
}

resource "aws_kms_key" "data" {
  description         = "${var.name_prefix} raw zone, quarantine and archive"
  enable_key_rotation = true
  tags                = var.tags
}

resource "aws_kms_alias" "data" {
  name          = "alias/${var.name_prefix}-data"
  target_key_id = aws_kms_key.data.key_id
}

resource "aws_s3_bucket" "this" {
  for_each = local.buckets
  bucket   = "${var.name_prefix}-${each.key}"
  tags     = var.tags
}

resource "aws_s3_bucket_public_access_block" "this" {
  for_each                = aws_s3_bucket.this
  bucket                  = each.value.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "this" {
  for_each = aws_s3_bucket.this
  bucket   = each.value.id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_versioning" "this" {
  for_each = aws_s3_bucket.this
  bucket   = each.value.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
  for_each = aws_s3_bucket.this
  bucket   = each.value.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.data.arn
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "this" {
  for_each = aws_s3_bucket.this
  bucket   = each.value.id
  rule {
    id     = "retention"
    status = "Enabled"
    filter {}
    dynamic "transition" {
      for_each = local.buckets[each.key].transitions
      content {
        days          = transition.value.days
        storage_class = transition.value.storage_class
      }
    }
    expiration {
      days = local.retention_days
    }
    noncurrent_version_expiration {
      noncurrent_days = 30
    }
    abort_incomplete_multipart_upload {
      days_after_initiation = 2
    }
  }
}

data "aws_iam_policy_document" "tls_only" {
  for_each = aws_s3_bucket.this
  statement {
    sid     = "DenyInsecureTransport"
    effect  = "Deny"
    actions = ["s3:*"]
    resources = [
      each.value.arn,
      "${each.value.arn}/*",
    ]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_s3_bucket_policy" "tls_only" {
  for_each   = aws_s3_bucket.this
  bucket     = each.value.id
  policy     = data.aws_iam_policy_document.tls_only[each.key].json
  depends_on = [aws_s3_bucket_public_access_block.this]
}
