terraform {
  # terraform_data (1.4), and validation rules that refer to other variables (1.9: variables.tf checks the
  # retention and partitions against var.kafka_plan).
  required_version = ">= 1.9.0"

  required_providers {
    heroku = {
      source  = "heroku/heroku"
      version = "~> 5.3"
    }
    # Runs scripts/heroku/package-source.ts at plan time to make each app's source tarball.
    external = {
      source  = "hashicorp/external"
      version = "~> 2.3"
    }
    # METRICS_TOKEN of each back-end app (metrics.tf).
    random = {
      source  = "hashicorp/random"
      version = "~> 3.6"
    }
  }
}
