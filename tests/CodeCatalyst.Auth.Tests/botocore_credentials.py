#!/usr/bin/env python3
"""Print the AWS credentials botocore's default chain resolves.

Reference implementation for the credential chain parity tests. Everything comes from the environment exactly as
botocore reads it (HOME, AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE, AWS_PROFILE, AWS_ACCESS_KEY_ID, ...,
AWS_ENDPOINT_URL_STS / _SSO, AWS_CONTAINER_CREDENTIALS_*, AWS_EC2_METADATA_SERVICE_ENDPOINT).

--container-host replaces 169.254.170.2, the fixed host botocore prefixes AWS_CONTAINER_CREDENTIALS_RELATIVE_URI
with, so a test can serve the relative URI on loopback. It is the only change made to botocore.

Output: {"access_key", "secret_key", "token", "method"} on stdout. Exit codes: 0 printed, 3 botocore found no
credentials, 2 botocore raised (exception type and message on stderr).
"""
import argparse
import json
import sys


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profile", help="explicit profile (as -ProfileName; otherwise botocore's env lookup)")
    parser.add_argument("--container-host", help="host[:port] for the relative container credentials URI")
    args = parser.parse_args()

    # Imported only now: botocore computes the SSO cache directory from HOME at import time.
    import botocore.session
    import botocore.utils

    if args.container_host:
        botocore.utils.ContainerMetadataFetcher.IP_ADDRESS = args.container_host

    session = botocore.session.Session(profile=args.profile)
    try:
        credentials = session.get_credentials()
        frozen = credentials.get_frozen_credentials() if credentials is not None else None
    except Exception as error:  # report botocore's own failure for the caller to compare
        print(f"{type(error).__name__}: {error}", file=sys.stderr)
        return 2

    if frozen is None:
        print("botocore resolved no credentials", file=sys.stderr)
        return 3

    print(json.dumps({
        "access_key": frozen.access_key,
        "secret_key": frozen.secret_key,
        "token": frozen.token,
        "method": credentials.method,
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
