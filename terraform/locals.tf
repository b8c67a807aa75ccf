locals {
  # Relative on purpose: a plan must not depend on where the checkout lives (see builds.tf).
  repo_root = "${path.module}/.."

  # The consumers made by `pnpm edm new-consumer` (consumers.tf), by role.
  consumers = { for consumer in jsondecode(file("${path.module}/../consumers.json")) : consumer.role => consumer }

  # The apps by role, each with its folder under apps/ (built from this one repository): the five, then
  # the generated consumers.
  apps = merge({
    ui        = "edm-ui"
    relay     = "edm-relay"
    stream    = "edm-stream"
    stats     = "edm-stats"
    dashboard = "edm-dashboard"
  }, { for role, consumer in local.consumers : role => consumer.app })

  heroku_apps = merge({
    ui        = heroku_app.ui
    relay     = heroku_app.relay
    stream    = heroku_app.stream
    stats     = heroku_app.stats
    dashboard = heroku_app.dashboard
  }, heroku_app.consumer)

  # var.dynos sizes the five; each generated consumer gets var.consumer_dynos.
  dynos = merge({ for role in keys(local.consumers) : role => var.consumer_dynos }, var.dynos)

  # Each app's origin ("https://<name>-<random>.herokuapp.com", no trailing slash) as Heroku reports it.
  # Since 2023 Heroku adds a random suffix to app host names, so a URL is never built from an app name.
  origin = { for role, app in local.heroku_apps : role => trimsuffix(app.web_url, "/") }

  # The topics of packages/schema/src/topics.ts (ALL_TOPICS); tests/deploy checks they stay equal.
  kafka_topics = ["edm-ui-click", "edm-ui-pageload", "edm-dead-letter"]

  # Two consumer groups, never one: edm-stream must deliver every event to every dashboard, edm-stats
  # must count every event once. Each edm-stream dyno reads in a group of its own, "<id>.<DYNO>".
  stream_group_id = "edm-stream"
  stats_group_id  = "edm-stats"

  # Multi-tenant (basic) plans need each consumer group created before use; dedicated plans do not.
  multi_tenant_kafka = startswith(var.kafka_plan, "heroku-kafka:basic-")
  consumer_groups = local.multi_tenant_kafka ? concat(
    [for dyno in range(1, var.dynos["stream"].quantity + 1) : "${local.stream_group_id}.web.${dyno}"],
    [local.stats_group_id],
    [for consumer in values(local.consumers) : consumer.group],
  ) : []
}
