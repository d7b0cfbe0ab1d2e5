# The VPC and its private subnets belong to the platform team; the pipeline
# only adds the security group its Fargate tasks run in (egress only: every
# source and Snowflake are reached outwards, nothing connects in).
resource "aws_security_group" "tasks" {
  name        = "${var.name_prefix}-tasks"
  description = "Northstar Batch tasks: outbound only"
  vpc_id      = var.vpc_id
  tags        = var.tags
}

resource "aws_vpc_security_group_egress_rule" "https" {
  security_group_id = aws_security_group.tasks.id
  description       = "AWS APIs, Stripe, Zendesk, Snowflake"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_egress_rule" "orders_db" {
  security_group_id = aws_security_group.tasks.id
  description       = "The orders DB (PostgreSQL)"
  ip_protocol       = "tcp"
  from_port         = 5432
  to_port           = 5432
  cidr_ipv4         = var.orders_db_cidr
}
