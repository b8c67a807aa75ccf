# shellcheck shell=bash
# Certificates for the broker's mutual-TLS listener, made once with openssl into $CERTS_DIR.
# Sourced by kafka.sh. Shaped like Heroku's: the broker certificate names no host (no SAN, and its
# CN is not a host name), so a client must trust the CA yet skip the host-name check, exactly as
# it must on Heroku. other-ca / other-client are an unrelated CA and a client it signed, so tests
# can prove the broker refuses certificates it does not trust.

new_private_key() {
  # genpkey writes PKCS#8 ("BEGIN PRIVATE KEY"), the form both Java and Node read.
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1"
}

# sign <dir> <name> <subject> <issuer-name|self> <extensions>
sign_certificate() {
  local dir=$1 name=$2 subject=$3 issuer=$4 extensions=$5
  local issuer_args=(-signkey "$dir/$name-key.pem")
  if [[ $issuer != self ]]; then
    issuer_args=(-CA "$dir/$issuer.pem" -CAkey "$dir/$issuer-key.pem")
  fi
  # Each step says `|| return 1` because errexit does not apply inside a function called from `if`.
  new_private_key "$dir/$name-key.pem" || return 1
  openssl req -new -key "$dir/$name-key.pem" -subj "$subject" -out "$dir/$name.csr" || return 1
  printf '%s\n' "$extensions" >"$dir/$name.ext"
  openssl x509 -req -in "$dir/$name.csr" "${issuer_args[@]}" \
    -set_serial "0x$(openssl rand -hex 16)" -days 3650 -sha256 \
    -extfile "$dir/$name.ext" -out "$dir/$name.pem" || return 1
  rm -f "$dir/$name.csr" "$dir/$name.ext"
}

readonly CA_EXTENSIONS='basicConstraints=critical,CA:TRUE
keyUsage=critical,keyCertSign,cRLSign
subjectKeyIdentifier=hash'

readonly SERVER_EXTENSIONS='basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid'

readonly CLIENT_EXTENSIONS='basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=clientAuth
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid'

make_all_certificates() {
  local dir=$1
  sign_certificate "$dir" ca "/O=edm local/CN=edm local Kafka CA" self "$CA_EXTENSIONS" || return 1
  sign_certificate "$dir" broker "/O=edm local/CN=edm local Kafka broker" ca "$SERVER_EXTENSIONS" || return 1
  sign_certificate "$dir" client "/O=edm local/CN=edm local Kafka client" ca "$CLIENT_EXTENSIONS" || return 1
  sign_certificate "$dir" other-ca "/O=somebody else/CN=untrusted CA" self "$CA_EXTENSIONS" || return 1
  sign_certificate "$dir" other-client "/O=somebody else/CN=untrusted client" other-ca "$CLIENT_EXTENSIONS" || return 1
  # Kafka's PEM keystore wants the private key and its certificate chain in one file.
  cat "$dir/broker-key.pem" "$dir/broker.pem" "$dir/ca.pem" >"$dir/broker-keystore.pem"
}

ensure_certificates() {
  [[ -f "$CERTS_DIR/.complete" ]] && return 0
  command -v openssl >/dev/null || die "openssl is not installed; it makes the TLS certificates (apt-get install openssl)."
  say "making TLS certificates in $CERTS_DIR"
  local work old_umask
  work=$(mktemp -d "$KAFKA_STATE/certs.partial.XXXXXX")
  old_umask=$(umask)
  umask 077
  if ! make_all_certificates "$work" 2>>"$work/openssl.log"; then
    umask "$old_umask"
    tail -n 20 "$work/openssl.log" >&2
    rm -rf "$work"
    die "openssl failed while making certificates (nothing was kept; run this again to retry)"
  fi
  umask "$old_umask"
  rm -f "$work/openssl.log"
  chmod 644 "$work"/ca.pem "$work"/other-ca.pem "$work"/broker.pem "$work"/client.pem "$work"/other-client.pem
  chmod 755 "$work"
  touch "$work/.complete"
  rm -rf "$CERTS_DIR"
  mv "$work" "$CERTS_DIR"
}

print_certificates() {
  mkdir -p "$KAFKA_STATE"
  ensure_certificates
  printf '%s\n' "$CERTS_DIR"
}
