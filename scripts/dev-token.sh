#!/usr/bin/env bash
# Prints a bearer token (HS256 JWT) for local development and demos:
#   scripts/dev-token.sh <user_id> [role] [hours]
# signed with TLIM_JWT_SECRET for TLIM_JWT_ISSUER / TLIM_JWT_AUDIENCE (run.sh sets all three to
# its development values). role is `user` (the default) or `service`. Signing is openssl's HMAC;
# this script only assembles the JWT's three parts. Never for production: a production server
# trusts tokens from the company's identity provider, not from a secret on this machine.
set -euo pipefail

user=${1:?usage: dev-token.sh <user_id> [user|service] [hours]}
role=${2:-user}
hours=${3:-12}
# outside run.sh, the secret run.sh generated for the local run
if [ -z "${TLIM_JWT_SECRET:-}" ]; then
  secret_file="${TLIM_DATA_DIR:-$(cd "$(dirname "$0")/.." && pwd)/data}/jwt-secret"
  [ -f "$secret_file" ] || { echo "TLIM_JWT_SECRET is not set and $secret_file does not exist (run ./run.sh once)" >&2; exit 1; }
  TLIM_JWT_SECRET=$(cat "$secret_file")
fi
issuer=${TLIM_JWT_ISSUER:-tlim-dev}
audience=${TLIM_JWT_AUDIENCE:-tlim}

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
json_string() { printf '"%s"' "$(printf '%s' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g')"; }

now=$(date +%s)
header='{"alg":"HS256","typ":"JWT"}'
payload="{\"iss\":$(json_string "$issuer"),\"aud\":$(json_string "$audience"),\"sub\":$(json_string "$user"),\"groups\":[$(json_string "$role")],\"iat\":$now,\"exp\":$((now + hours * 3600))}"
signing_input="$(printf '%s' "$header" | b64url).$(printf '%s' "$payload" | b64url)"
signature=$(printf '%s' "$signing_input" | openssl dgst -sha256 -mac HMAC -macopt "key:$TLIM_JWT_SECRET" -binary | b64url)
echo "$signing_input.$signature"
