# Each app's own settings. Kafka and PostgreSQL settings come from the add-ons (addons.tf), PORT and DYNO
# from Heroku. Origins are taken from heroku_app.<x>.web_url (see locals.tf), never built from app names.

resource "heroku_app_config_association" "ui" {
  app_id = heroku_app.ui.id
  vars = {
    # Read by the shop's browser code from /config.json at run time.
    RELAY_URL = local.origin["relay"]
  }
}

resource "heroku_app_config_association" "relay" {
  app_id = heroku_app.relay.id
  vars = {
    CORS_ORIGINS = local.origin["ui"]
    # Heroku's router is the one proxy in front: the client address is the last X-Forwarded-For entry it adds.
    TRUST_PROXY = "1"
  }
}

resource "heroku_app_config_association" "stream" {
  app_id = heroku_app.stream.id
  vars = {
    CORS_ORIGINS = local.origin["dashboard"]
    # Each dyno consumes in "<STREAM_GROUP_ID>.<DYNO>", e.g. edm-stream.web.1 (apps/edm-stream/src/consumer-group.ts).
    STREAM_GROUP_ID = local.stream_group_id
  }
}

resource "heroku_app_config_association" "stats" {
  app_id = heroku_app.stats.id
  vars = {
    CORS_ORIGINS   = local.origin["dashboard"]
    STATS_GROUP_ID = local.stats_group_id
  }
}

resource "heroku_app_config_association" "dashboard" {
  app_id = heroku_app.dashboard.id
  vars = {
    STATS_URL  = local.origin["stats"]
    STREAM_URL = local.origin["stream"]
    SHOP_URL   = local.origin["ui"]
    # The funnel panel's API (consumers.json's "funnel").
    FUNNEL_URL = local.origin["funnel"]
  }
}
