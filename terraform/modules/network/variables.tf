variable "name_prefix" {
  type = string
}

variable "vpc_id" {
  description = "The VPC the tasks run in (not managed here)"
  type        = string
}

variable "private_subnet_ids" {
  description = "Private subnets with a NAT route; Fargate tasks get no public IP"
  type        = list(string)
}

variable "orders_db_cidr" {
  description = "Where the orders DB listens"
  type        = string
}

variable "tags" {
  type    = map(string)
  default = {}
}
