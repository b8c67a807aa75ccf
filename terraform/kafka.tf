# Topics, and on basic plans consumer groups, are not Terraform resources: the heroku CLI's kafka plugin
# creates them. scripts/heroku/ensure-kafka.ts creates whatever is missing (so re-running is harmless), then
# waits until EVERY topic and group exists, failing the apply with the missing names after the timeout.
# It runs again whenever the cluster, the topics, their settings or the groups change.
resource "terraform_data" "kafka_topics_and_groups" {
  triggers_replace = {
    kafka_addon     = heroku_addon.kafka.id
    topics          = local.kafka_topics
    partitions      = var.topic_partitions
    retention       = var.topic_retention
    consumer_groups = local.consumer_groups
  }

  provisioner "local-exec" {
    working_dir = local.repo_root
    command     = "node --import tsx scripts/heroku/ensure-kafka.ts"
    environment = {
      EDM_KAFKA_APP             = heroku_app.relay.name
      EDM_KAFKA_TOPICS          = join(",", local.kafka_topics)
      EDM_KAFKA_PARTITIONS      = tostring(var.topic_partitions)
      EDM_KAFKA_RETENTION       = var.topic_retention
      EDM_KAFKA_CONSUMER_GROUPS = join(",", local.consumer_groups)
      EDM_KAFKA_TIMEOUT_SECONDS = tostring(var.kafka_wait_timeout_seconds)
    }
  }
}
