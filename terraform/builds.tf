# Each app is built by Heroku's Node.js buildpack from a tarball of the last commit that changed it:
# scripts/heroku/package-source.ts keeps the root files, packages/ and that app's folder, renders the app's
# Procfile from Procfile.template and adds a heroku-postbuild script that builds only that app. The
# buildpack installs with pnpm (packageManager and pnpm-lock.yaml), builds, then prunes dev dependencies.
# The tarball depends only on that commit, so a commit that changes other apps (or tests, or terraform) leaves
# its checksum, and so its build and dynos, as they are.
#
# Every path here is relative to this directory, never absolute: heroku_build's source.path is ForceNew, so
# an absolute path would rebuild all five apps whenever the apply runs from another checkout (a colleague's,
# a CI runner's). The program runs in this directory and answers with a path relative to it.
data "external" "source" {
  for_each = local.apps

  program     = ["node", "--import", "tsx", "../scripts/heroku/package-source.ts"]
  working_dir = path.module
  query = {
    app     = each.value
    out_dir = ".build"
  }
}

resource "heroku_build" "app" {
  for_each = local.apps

  app_id     = local.heroku_apps[each.key].id
  buildpacks = ["heroku/nodejs"]

  source {
    path    = data.external.source[each.key].result.path
    version = data.external.source[each.key].result.commit
  }

  # A build ends in a release that starts the dynos (and for edm-stats runs the migrations first), so
  # everything the apps read at start must be in place: their config vars, the Kafka attachments of the
  # consumers, the database, and the topics and consumer groups.
  depends_on = [
    heroku_app_config_association.ui,
    heroku_app_config_association.relay,
    heroku_app_config_association.stream,
    heroku_app_config_association.stats,
    heroku_app_config_association.dashboard,
    heroku_addon_attachment.kafka_stream,
    heroku_addon_attachment.kafka_stats,
    heroku_addon.postgres,
    terraform_data.kafka_topics_and_groups,
    heroku_app_config_association.consumer,
    heroku_addon_attachment.kafka_consumer,
    heroku_addon.consumer_postgres,
  ]
}

# heroku_build waits for the build only; its release (and edm-stats's migrations in the release phase) may
# still be pending, or fail. This waits for each build's release to succeed, failing the apply with the
# release phase's output otherwise, so that dynos are scaled only onto a release that succeeded.
resource "terraform_data" "release" {
  for_each = local.apps

  triggers_replace = {
    build_id = heroku_build.app[each.key].id
  }

  provisioner "local-exec" {
    working_dir = local.repo_root
    command     = "node --import tsx scripts/heroku/wait-for-release.ts"
    environment = {
      EDM_HEROKU_APP      = local.heroku_apps[each.key].name
      EDM_HEROKU_BUILD_ID = heroku_build.app[each.key].id
    }
  }
}

resource "heroku_formation" "web" {
  for_each = local.apps

  app_id   = local.heroku_apps[each.key].id
  type     = "web"
  size     = local.dynos[each.key].size
  quantity = local.dynos[each.key].quantity

  depends_on = [
    heroku_build.app,
    terraform_data.release,
    heroku_addon_attachment.kafka_stream,
    heroku_addon_attachment.kafka_stats,
    heroku_addon_attachment.kafka_consumer,
    terraform_data.kafka_topics_and_groups,
  ]
}
