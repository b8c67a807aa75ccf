# Observability settings, apart from config.tf: /metrics is public on Heroku unless it asks for a token, so
# each back-end app gets a random METRICS_TOKEN of its own (Prometheus sends it as a bearer token), and
# edm-stats learns where the relay and the stream are, to report their readiness on GET /api/pipeline.
# A second config association per app is fine: each one manages only the variables it names. Read a token
# with `heroku config:get METRICS_TOKEN -a <app>`.

resource "random_password" "metrics_token" {
  for_each = toset(["relay", "stream", "stats"])
  length   = 40
  special  = false
}

resource "heroku_app_config_association" "metrics_token" {
  for_each = random_password.metrics_token
  app_id   = local.heroku_apps[each.key].id
  sensitive_vars = {
    METRICS_TOKEN = each.value.result
  }
}

resource "heroku_app_config_association" "stats_pipeline" {
  app_id = heroku_app.stats.id
  vars = {
    RELAY_URL  = local.origin["relay"]
    STREAM_URL = local.origin["stream"]
  }
}
