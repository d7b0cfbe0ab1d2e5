variable "name_prefix" {
  description = "Bucket names are <name_prefix>-raw, -quarantine and -archive"
  type        = string
}

variable "snowflake_role_name" {
  type = string
}

variable "snowflake_iam_user_arn" {
  description = "STORAGE_AWS_IAM_USER_ARN of the Snowflake storage integration"
  type        = string
}

variable "snowflake_external_id" {
  description = "STORAGE_AWS_EXTERNAL_ID of the Snowflake storage integration"
  type        = string
}

variable "tags" {
  type    = map(string)
  default = {}
}
