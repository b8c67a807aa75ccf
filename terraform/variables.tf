variable "app_name_prefix" {
  description = "Start of every Heroku app name: \"acme-edm\" gives acme-edm-ui, acme-edm-relay, acme-edm-stream, acme-edm-stats and acme-edm-dashboard. Heroku app names are global, so choose one nobody else uses."
  type        = string

  validation {
    # Heroku app names: 3 to 30 lower-case letters, digits and dashes, starting with a letter. The longest
    # suffix added here is "-dashboard" (10 characters), which leaves 20 for the prefix.
    condition     = can(regex("^[a-z][a-z0-9-]{0,18}[a-z0-9]$", var.app_name_prefix))
    error_message = "app_name_prefix must be 2 to 20 lower-case letters, digits or dashes, start with a letter and end with a letter or digit."
  }
}

variable "region" {
  description = "Heroku Common Runtime region of the apps and add-ons."
  type        = string
  default     = "us"

  validation {
    condition     = contains(["us", "eu"], var.region)
    error_message = "region must be \"us\" or \"eu\"."
  }
}

variable "kafka_plan" {
  description = "Apache Kafka on Heroku plan. basic-* plans are multi-tenant: topic and consumer-group names get the cluster's KAFKA_PREFIX, and consumer groups must be created before use (kafka.tf does both)."
  type        = string
  default     = "heroku-kafka:basic-0"

  validation {
    condition     = startswith(var.kafka_plan, "heroku-kafka:")
    error_message = "kafka_plan must be a heroku-kafka plan, e.g. \"heroku-kafka:basic-0\" or \"heroku-kafka:standard-0\"."
  }
}

variable "postgres_plan" {
  description = "Heroku Postgres plan of edm-stats's database (hobby-dev no longer exists; essential-0 is the smallest)."
  type        = string
  default     = "heroku-postgresql:essential-0"

  validation {
    condition     = startswith(var.postgres_plan, "heroku-postgresql:") && var.postgres_plan != "heroku-postgresql:hobby-dev"
    error_message = "postgres_plan must be a current heroku-postgresql plan, e.g. \"heroku-postgresql:essential-0\"."
  }
}

variable "dynos" {
  description = "Dyno size and count of each app's web process. eco and basic dynos run one dyno per process; more edm-stream dynos each get their own consumer group (edm-stream.web.1, .web.2, ...), created by kafka.tf."
  type = map(object({
    size     = string
    quantity = number
  }))
  default = {
    ui        = { size = "basic", quantity = 1 }
    relay     = { size = "basic", quantity = 1 }
    stream    = { size = "basic", quantity = 1 }
    stats     = { size = "basic", quantity = 1 }
    dashboard = { size = "basic", quantity = 1 }
  }

  validation {
    condition     = length(var.dynos) == 5 && alltrue([for role in ["ui", "relay", "stream", "stats", "dashboard"] : contains(keys(var.dynos), role)])
    error_message = "dynos must have exactly the keys ui, relay, stream, stats and dashboard."
  }

  validation {
    condition     = alltrue([for dyno in values(var.dynos) : dyno.quantity >= 0 && floor(dyno.quantity) == dyno.quantity])
    error_message = "Each dyno quantity must be a whole number of at least 0."
  }

  validation {
    condition     = alltrue([for dyno in values(var.dynos) : dyno.quantity <= 1 || !contains(["eco", "basic"], lower(dyno.size))])
    error_message = "eco and basic dynos run at most one dyno per process: choose standard-1x or larger to run more."
  }
}

variable "consumer_dynos" {
  description = "Dyno size and count of each consumer made by `pnpm edm new-consumer` (consumers.json)."
  type = object({
    size     = string
    quantity = number
  })
  default = { size = "basic", quantity = 1 }

  validation {
    condition     = var.consumer_dynos.quantity >= 0 && floor(var.consumer_dynos.quantity) == var.consumer_dynos.quantity && (var.consumer_dynos.quantity <= 1 || !contains(["eco", "basic"], lower(var.consumer_dynos.size)))
    error_message = "consumer_dynos.quantity must be a whole number of at least 0, and at most 1 on eco and basic dynos."
  }
}

variable "topic_partitions" {
  description = "Partitions of each Kafka topic. They cannot be changed once a topic exists; edm-stats dynos beyond this number would sit idle."
  type        = number
  default     = 8

  validation {
    condition     = var.topic_partitions >= 1 && var.topic_partitions <= 256 && floor(var.topic_partitions) == var.topic_partitions
    error_message = "topic_partitions must be a whole number from 1 to 256."
  }

  # Multi-tenant plans cap the partitions of all topics together; past the cap the Kafka step would only
  # fail after its timeout. 3 is the number of topics (local.kafka_topics; tests/deploy checks they agree).
  validation {
    condition = var.topic_partitions * 3 <= lookup(
      # basic-2's 960 is never reached: the rule above caps a topic at 256 partitions.
      { "heroku-kafka:basic-0" = 240, "heroku-kafka:basic-1" = 480 },
      var.kafka_plan,
      var.topic_partitions * 3,
    )
    error_message = "topic_partitions times the 3 topics must fit the Kafka plan's partition limit: heroku-kafka:basic-0 allows 240 partitions in all (topic_partitions at most 80), heroku-kafka:basic-1 480 (at most 160)."
  }
}

variable "topic_retention" {
  description = "How long Kafka keeps records, as the heroku CLI reads it (\"1d\", \"36h\"). Keep it below edm-stats's DEDUPE_RETENTION (15 days), which makes a redelivered event count once."
  type        = string
  default     = "1d"

  validation {
    condition     = can(regex("^[0-9]+ ?(ms|s|m|h|d)$", var.topic_retention))
    error_message = "topic_retention must be a number and a unit (ms, s, m, h or d), e.g. \"1d\" or \"36h\"."
  }

  # The Kafka CLI refuses less than 24 hours on multi-tenant (basic) plans; a malformed value is reported by
  # the rule above, so it passes this one.
  validation {
    condition = !startswith(var.kafka_plan, "heroku-kafka:basic-") || try(
      tonumber(regex("^([0-9]+) ?(ms|s|m|h|d)$", var.topic_retention)[0]) * lookup(
        { ms = 1, s = 1000, m = 60000, h = 3600000, d = 86400000 },
        regex("^([0-9]+) ?(ms|s|m|h|d)$", var.topic_retention)[1],
      ) >= 86400000,
      true,
    )
    error_message = "topic_retention must be at least 24 hours (\"24h\" or \"1d\") on multi-tenant heroku-kafka:basic-* plans: the Kafka CLI refuses less there."
  }
}

variable "kafka_wait_timeout_seconds" {
  description = "How long the Kafka step waits for the cluster, its topics and consumer groups before failing the apply."
  type        = number
  default     = 900

  validation {
    condition     = var.kafka_wait_timeout_seconds >= 60
    error_message = "kafka_wait_timeout_seconds must be at least 60: a new cluster takes a while to answer."
  }
}
