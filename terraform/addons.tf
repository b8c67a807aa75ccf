# One Kafka cluster, owned by edm-relay and shared with the two consumers. Each attachment named KAFKA gives
# its app the same KAFKA_URL, KAFKA_TRUSTED_CERT, KAFKA_CLIENT_CERT, KAFKA_CLIENT_CERT_KEY and, on basic
# plans, KAFKA_PREFIX as edm-relay has.
resource "heroku_addon" "kafka" {
  app_id = heroku_app.relay.id
  plan   = var.kafka_plan
}

resource "heroku_addon_attachment" "kafka_stream" {
  app_id   = heroku_app.stream.id
  addon_id = heroku_addon.kafka.id
  name     = "KAFKA"
}

resource "heroku_addon_attachment" "kafka_stats" {
  app_id   = heroku_app.stats.id
  addon_id = heroku_addon.kafka.id
  name     = "KAFKA"
}

# edm-stats's database: DATABASE_URL on edm-stats. Its server certificate cannot be verified (Heroku does
# not publish the CA), so edm-stats connects with TLS without chain verification (apps/edm-stats/src/db.ts).
resource "heroku_addon" "postgres" {
  app_id = heroku_app.stats.id
  plan   = var.postgres_plan
}
