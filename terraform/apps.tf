# One Heroku app per deployable of the monorepo. Their config vars live in config.tf, because they refer to
# each other's URLs, which exist only once every app does.

resource "heroku_app" "ui" {
  name       = "${var.app_name_prefix}-ui"
  region     = var.region
  buildpacks = ["heroku/nodejs"]
}

resource "heroku_app" "relay" {
  name       = "${var.app_name_prefix}-relay"
  region     = var.region
  buildpacks = ["heroku/nodejs"]
}

resource "heroku_app" "stream" {
  name       = "${var.app_name_prefix}-stream"
  region     = var.region
  buildpacks = ["heroku/nodejs"]
}

resource "heroku_app" "stats" {
  name       = "${var.app_name_prefix}-stats"
  region     = var.region
  buildpacks = ["heroku/nodejs"]
}

resource "heroku_app" "dashboard" {
  name       = "${var.app_name_prefix}-dashboard"
  region     = var.region
  buildpacks = ["heroku/nodejs"]
}
