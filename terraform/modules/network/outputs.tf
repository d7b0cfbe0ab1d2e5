output "subnet_ids" {
  value = var.private_subnet_ids
}

output "security_group_ids" {
  value = [aws_security_group.tasks.id]
}
