# Credentials: the HEROKU_API_KEY environment variable (for example from `heroku authorizations:create`).
# The heroku CLI that kafka.tf runs reads the same variable, so no key is declared here or written to a file.
provider "heroku" {
  customizations {
    # Keep add-on secrets (the Kafka client key, the database password) out of the state file.
    set_app_all_config_vars_in_state = false
    set_addon_config_vars_in_state   = false
  }
}
