# shellcheck shell=bash
# Asks the network whether ports are free and whether the broker really answers.
# Sourced by kafka.sh. Needs only bash, coreutils and openssl, so it works before any client exists.

port_accepts() {
  # shellcheck disable=SC2016 # $1 belongs to the inner bash
  timeout 2 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1"' _ "$1" 2>/dev/null
}

# Prints who listens on a port, e.g. `postgres (pid 2186)`, when ss can tell.
port_holder() {
  command -v ss >/dev/null || return 0
  local line
  line=$(ss -Hltnp "sport = :$1" 2>/dev/null | head -n 1)
  [[ -n $line ]] || return 0
  local who
  who=$(sed -n 's/.*users:(("\([^"]*\)",pid=\([0-9]*\).*/\1 (pid \2)/p' <<<"$line")
  printf '%s' "${who:-a process ss cannot name}"
}

require_port_free() {
  local name=$1 port=$2 holder
  holder=$(port_holder "$port")
  if [[ -n $holder ]] || port_accepts "$port"; then
    die "port $port (wanted for Kafka's $name listener) is already taken${holder:+ by: $holder}." \
      "Stop that process, or pick another port with the EDM_KAFKA_*_PORT variables (see usage)."
  fi
}

# Sends a Kafka Metadata v4 request (no topics) over plaintext and prints how many live brokers the
# answer lists. A fenced or still-loading broker lists none, so ">= 1" means clients can use it.
# v4 is the oldest version Kafka 4 still accepts (KIP-896) and simple enough to write by hand.
live_broker_count() {
  local bytes
  # shellcheck disable=SC2016 # $1 belongs to the inner bash
  bytes=$(timeout 1 bash -c '
    exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
    # size=18 | api_key=3 (Metadata) | version=4 | correlation_id=7 | client_id="edm" | topics=[] | auto_create=false
    printf "\x00\x00\x00\x12\x00\x03\x00\x04\x00\x00\x00\x07\x00\x03edm\x00\x00\x00\x00\x00" >&3
    head -c 16 <&3 | od -An -v -tu1' _ "$PLAINTEXT_PORT" 2>/dev/null) || return 1
  local -a b
  read -r -a b <<<"$bytes"
  # Reply: size(4) correlation_id(4) throttle_time_ms(4) broker_count(4)
  ((${#b[@]} == 16 && b[7] == 7)) || return 1
  echo $(((b[12] << 24) | (b[13] << 16) | (b[14] << 8) | b[15]))
}

tls_handshake_ok() {
  timeout 3 openssl s_client -connect "127.0.0.1:$TLS_PORT" -CAfile "$CERTS_DIR/ca.pem" \
    -cert "$CERTS_DIR/client.pem" -key "$CERTS_DIR/client-key.pem" -verify_return_error \
    </dev/null >/dev/null 2>&1
}

broker_ready() {
  local count
  count=$(live_broker_count) && ((count >= 1)) && tls_handshake_ok
}
