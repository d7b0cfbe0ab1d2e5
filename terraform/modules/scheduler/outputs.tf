output "dead_letter_queue_arn" {
  value = aws_sqs_queue.dead_letters.arn
}

output "schedule_names" {
  value = [for schedule in aws_scheduler_schedule.this : schedule.name]
}

output "dead_letter_queue_name" {
  value = aws_sqs_queue.dead_letters.name
}
