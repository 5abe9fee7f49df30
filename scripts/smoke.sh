#!/usr/bin/env bash
# Smoke test of a deployed stage, from the outputs `sst deploy` wrote to .sst/outputs.json: the API refuses
# a request without credentials, and answers /v1/stats to the script client's operator token (client
# credentials at the user pool's token endpoint; the client secret is read from Cognito, never stored).
set -euo pipefail
outputs=$(jq -c 'to_entries[] | select(.key | endswith("-Api")) | .value' .sst/outputs.json)
api_url=$(jq -r '.ApiUrl' <<<"$outputs")
issuer=$(jq -r '.OperatorIssuer' <<<"$outputs")
client_id=$(jq -r '.OperatorScriptClientId' <<<"$outputs")
sign_in=$(jq -r '.OperatorSignIn' <<<"$outputs")
secret=$(aws cognito-idp describe-user-pool-client --user-pool-id "${issuer##*/}" --client-id "$client_id" \
  --query 'UserPoolClient.ClientSecret' --output text)

status=$(curl --silent --output /dev/null --write-out '%{http_code}' "${api_url%/}/v1/stats")
if [ "$status" != 401 ]; then echo "GET /v1/stats without a token answered $status, expected 401" >&2; exit 1; fi

token=$(curl --fail-with-body --silent --show-error --retry 5 --retry-delay 5 --retry-all-errors \
  --user "$client_id:$secret" --data grant_type=client_credentials --data scope=orders/operator \
  "${sign_in%/}/oauth2/token" | jq -r '.access_token')
curl --fail-with-body --silent --show-error --retry 5 --retry-delay 5 --retry-all-errors \
  --header "authorization: Bearer $token" "${api_url%/}/v1/stats"
