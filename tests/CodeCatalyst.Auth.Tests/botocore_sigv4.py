#!/usr/bin/env python3
"""Sign one request with botocore's SigV4Auth at a frozen time and print what it produced.

Reference implementation for the module's SigV4 signer tests. Reads one JSON object on stdin:

  {"method", "url", "headers": [[name, value], ...], "body_base64": str or null,
   "access_key", "secret_key", "token": str or null, "region", "service",
   "timestamp": "YYYY-MM-DDTHH:MM:SSZ", "params": [[key, value], ...] (optional)}

and prints one JSON object: {"headers": {name: value} after signing, "canonical_request", "string_to_sign",
"encoded_query": botocore's percent_encode_sequence(params), present when params were given}. The canonical request
and string to sign are the ones SigV4Auth.add_auth logged while signing, not recomputed.
Exit codes: 0 signed, 2 botocore raised (message on stderr).
"""
import base64
import datetime
import json
import logging
import sys


class _Capture(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.messages = {}

    def emit(self, record):
        # add_auth logs 'CanonicalRequest:\n%s' and 'StringToSign:\n%s'.
        if isinstance(record.msg, str) and record.args:
            self.messages[record.msg.split(':')[0]] = record.args[0]


def main():
    case = json.load(sys.stdin)

    import botocore.auth
    import botocore.utils
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials

    frozen = datetime.datetime.strptime(case["timestamp"], "%Y-%m-%dT%H:%M:%SZ")
    botocore.auth.get_current_datetime = lambda *args, **kwargs: frozen

    capture = _Capture()
    logger = logging.getLogger("botocore.auth")
    logger.setLevel(logging.DEBUG)
    logger.addHandler(capture)

    body = base64.b64decode(case["body_base64"]) if case.get("body_base64") is not None else None
    request = AWSRequest(method=case["method"], url=case["url"], data=body)
    for name, value in case.get("headers", []):
        request.headers[name] = value  # HTTPHeaders appends, so a repeated name stays repeated

    credentials = Credentials(case["access_key"], case["secret_key"], case.get("token"))
    try:
        botocore.auth.SigV4Auth(credentials, case["service"], case["region"]).add_auth(request)
    except Exception as error:  # report botocore's own failure verbatim
        print(f"{type(error).__name__}: {error}", file=sys.stderr)
        return 2

    result = {
        "headers": {name: value for name, value in request.headers.items()},
        "canonical_request": capture.messages.get("CanonicalRequest"),
        "string_to_sign": capture.messages.get("StringToSign"),
    }
    if case.get("params") is not None:
        result["encoded_query"] = botocore.utils.percent_encode_sequence([tuple(pair) for pair in case["params"]])
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
