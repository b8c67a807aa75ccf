# Terraform lists outputs by name, so the numbers keep the two pages a person opens first.

output "url_1_shop" {
  description = "The shop (edm-ui): click around here."
  value       = heroku_app.ui.web_url
}

output "url_2_dashboard" {
  description = "The dashboard (edm-dashboard): watch the clicks arrive."
  value       = heroku_app.dashboard.web_url
}

output "url_3_relay" {
  description = "edm-relay, the HTTP API the shop sends events to (POST /api/events)."
  value       = heroku_app.relay.web_url
}

output "url_4_stream" {
  description = "edm-stream, the socket.io endpoint of live events."
  value       = heroku_app.stream.web_url
}

output "url_5_stats" {
  description = "edm-stats, the statistics API (GET /api/clickCount, /api/clickHistory)."
  value       = heroku_app.stats.web_url
}
