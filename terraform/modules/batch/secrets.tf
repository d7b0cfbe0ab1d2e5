# The secrets' values are set outside Terraform (docs/operations.md, "Rotate
# a secret"), so they never enter the state.
resource "aws_secretsmanager_secret" "this" {
  for_each    = toset(["orders-db", "stripe", "zendesk", "snowflake-key", "mask-key"])
  name        = "northstar/${var.environment}/${each.key}"
  description = "Northstar ${each.key}; read only by the apps that need it (modules/batch/apps.tf)"
  tags        = var.tags
}
