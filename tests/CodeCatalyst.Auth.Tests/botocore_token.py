#!/usr/bin/env python3
"""Print the bearer token botocore resolves for a service (CodeCatalyst by default).

Reference implementation for parity tests of the module's SSO token code. Everything comes from the
environment exactly as botocore reads it: HOME (the SSO cache is ~/.aws/sso/cache), AWS_CONFIG_FILE,
AWS_SHARED_CREDENTIALS_FILE, AWS_PROFILE / AWS_DEFAULT_PROFILE, AWS_ENDPOINT_URL_SSO_OIDC,
AWS_ENDPOINT_URL, AWS_IGNORE_CONFIGURED_ENDPOINT_URLS, AWS_BEARER_TOKEN_<SERVICE>.

Output: the token on stdout (or, with --json, {"token", "expiration"}). Exit codes: 0 token printed,
3 no token for the profile (botocore returned None), 2 botocore raised (message on stderr).
"""
import argparse
import json
import sys
from datetime import timezone


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profile", help="explicit profile (otherwise botocore's env lookup)")
    parser.add_argument("--signing-name", default="codecatalyst")
    parser.add_argument("--json", action="store_true", help="print token and expiration as JSON")
    args = parser.parse_args()

    # Imported only now: botocore computes the SSO cache directory from HOME at import time.
    import botocore.session

    session = botocore.session.Session(profile=args.profile)
    try:
        auth_token = session.get_auth_token(signing_name=args.signing_name)
        frozen = auth_token.get_frozen_token() if auth_token is not None else None
    except Exception as error:  # report botocore's own failure verbatim for the caller to compare
        print(f"{type(error).__name__}: {error}", file=sys.stderr)
        return 2

    if frozen is None:
        print("botocore resolved no token", file=sys.stderr)
        return 3

    if args.json:
        expiration = frozen.expiration
        if expiration is not None and not isinstance(expiration, str):
            expiration = expiration.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        print(json.dumps({"token": frozen.token, "expiration": expiration}))
    else:
        print(frozen.token)
    return 0


if __name__ == "__main__":
    sys.exit(main())
