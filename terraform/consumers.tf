# The consumers made by `pnpm edm new-consumer`, one entry each in the root's consumers.json (the list the
# scripts and the deploy tests read too), so adding one edits no Terraform. Each gets an app, the shared
# Kafka add-on attached as KAFKA (like edm-stream and edm-stats), a PostgreSQL of its own when it keeps
# data, its consumer group (created on basic plans, locals.tf), a build, a release and its dynos (builds.tf).
resource "heroku_app" "consumer" {
  for_each = local.consumers

  name       = "${var.app_name_prefix}-${each.key}"
  region     = var.region
  buildpacks = ["heroku/nodejs"]
}

resource "heroku_addon_attachment" "kafka_consumer" {
  for_each = local.consumers

  app_id   = heroku_app.consumer[each.key].id
  addon_id = heroku_addon.kafka.id
  name     = "KAFKA"
}

# DATABASE_URL on the consumer; its Procfile's release phase runs its migrations (heroku-apps.ts).
resource "heroku_addon" "consumer_postgres" {
  for_each = { for role, consumer in local.consumers : role => consumer if consumer.database }

  app_id = heroku_app.consumer[each.key].id
  plan   = var.postgres_plan
}

resource "heroku_app_config_association" "consumer" {
  for_each = local.consumers

  app_id = heroku_app.consumer[each.key].id
  vars = {
    # The dashboard's browser reads the consumers' APIs.
    CORS_ORIGINS               = local.origin["dashboard"]
    (each.value.groupVariable) = each.value.group
  }
}
