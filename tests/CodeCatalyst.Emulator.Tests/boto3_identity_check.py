"""Resolves AWS credentials through each of boto3's credential providers against the emulator's identity endpoints,
then calls Amplify and STS with them.

Usage: python3 boto3_identity_check.py BASE_URL

Environment (set by IdentityBoto3Tests): IDENTITY_CHECK_KEY_ID / IDENTITY_CHECK_SECRET (a configured long-term key),
IDENTITY_CHECK_SSO_TOKEN (the bearer token the emulator accepts), IDENTITY_CHECK_CONTAINER_TOKEN (the container
authorization token it requires).

The script writes its own AWS config, credentials file, web identity token file and SSO token cache in a temporary
home, and points boto3 at the emulator only through the documented settings: AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL_SSO,
AWS_ENDPOINT_URL_AMPLIFY, AWS_CONTAINER_CREDENTIALS_FULL_URI (+ AWS_CONTAINER_AUTHORIZATION_TOKEN) and
AWS_EC2_METADATA_SERVICE_ENDPOINT. For each source it checks which provider botocore used, that amplify list_apps
succeeds with the credentials (the emulator checks the signature and the session token), and that sts
get_caller_identity names the principal the source stands for. It also checks the main refusals.
Exits 0 when everything passed; otherwise prints the failures and exits 1.
"""

import base64
import datetime
import hashlib
import json
import os
import shutil
import sys
import tempfile
import time
import traceback
import urllib.error
import urllib.request

# botocore fixes its SSO token cache directory (~/.aws/sso/cache) when it is imported: the temporary home must be
# HOME before that.
HOME = tempfile.mkdtemp(prefix="identity-check-")
os.environ["HOME"] = HOME

import boto3  # pylint: disable=wrong-import-position
import botocore  # pylint: disable=wrong-import-position
import botocore.config  # pylint: disable=wrong-import-position
import botocore.exceptions  # pylint: disable=wrong-import-position

ROLE_ACCOUNT = "111122223333"
DEPLOY_ROLE = f"arn:aws:iam::{ROLE_ACCOUNT}:role/emulator-deployer"
WEB_ROLE = f"arn:aws:iam::{ROLE_ACCOUNT}:role/emulator-web-identity"
SSO_SESSION = "emulator"
SSO_START_URL = "https://emulator-example.awsapps.com/start"
ENDPOINT_VARIABLES = (
    "AWS_ENDPOINT_URL_STS", "AWS_ENDPOINT_URL_SSO", "AWS_ENDPOINT_URL_AMPLIFY", "AWS_CONTAINER_CREDENTIALS_FULL_URI",
    "AWS_CONTAINER_AUTHORIZATION_TOKEN", "AWS_EC2_METADATA_SERVICE_ENDPOINT", "AWS_EC2_METADATA_DISABLED",
)
NO_RETRIES = botocore.config.Config(retries={"total_max_attempts": 1})


class Run:
    def __init__(self):
        self.checks = 0
        self.failures = []
        self.sources = []

    def check(self, condition, description):
        self.checks += 1
        if not condition:
            raise AssertionError(description)

    def scenario(self, name, function):
        try:
            function()
            print(f"ok    {name}")
        except Exception as error:  # pylint: disable=broad-except
            self.failures.append(f"{name}: {error}")
            print(f"FAIL  {name}: {error}")
            traceback.print_exc()


def jwt(claims):
    def part(value):
        return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")
    return f"{part({'alg': 'RS256', 'typ': 'JWT'})}.{part(claims)}.c2lnbmF0dXJl"


def write_files(home, key_id, secret, sso_token):
    aws = os.path.join(home, ".aws")
    os.makedirs(os.path.join(aws, "sso", "cache"))
    token_file = os.path.join(home, "web-identity-token")
    with open(token_file, "w", encoding="utf-8") as handle:
        handle.write(jwt({"iss": "https://oidc.emulator.example", "sub": "system:serviceaccount:ci:deployer",
                          "aud": "sts.amazonaws.com", "exp": int(time.time()) + 3600}))
    with open(os.path.join(aws, "credentials"), "w", encoding="utf-8") as handle:
        handle.write(f"[source]\naws_access_key_id = {key_id}\naws_secret_access_key = {secret}\n")
    with open(os.path.join(aws, "config"), "w", encoding="utf-8") as handle:
        handle.write(
            f"[profile assume]\nrole_arn = {DEPLOY_ROLE}\nsource_profile = source\nrole_session_name = boto3-check\nregion = us-east-1\n\n"
            f"[profile chained]\nrole_arn = {DEPLOY_ROLE}\nsource_profile = assume\nrole_session_name = boto3-chained\nregion = us-east-1\n\n"
            f"[profile webid]\nrole_arn = {WEB_ROLE}\nweb_identity_token_file = {token_file}\nrole_session_name = boto3-web\nregion = us-east-1\n\n"
            f"[profile sso]\nsso_session = {SSO_SESSION}\nsso_account_id = {ROLE_ACCOUNT}\nsso_role_name = Deployer\nregion = us-east-1\n\n"
            f"[sso-session {SSO_SESSION}]\nsso_start_url = {SSO_START_URL}\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n\n"
            "[profile bare]\nregion = us-east-1\n")
    # The cache entry `aws sso login` leaves, far from expiry so botocore does not try to refresh it.
    expires = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=8)).strftime("%Y-%m-%dT%H:%M:%SZ")
    cache_name = hashlib.sha1(SSO_SESSION.encode()).hexdigest() + ".json"
    with open(os.path.join(aws, "sso", "cache", cache_name), "w", encoding="utf-8") as handle:
        json.dump({"startUrl": SSO_START_URL, "region": "us-east-1", "accessToken": sso_token, "expiresAt": expires}, handle)
    os.environ["AWS_CONFIG_FILE"] = os.path.join(aws, "config")
    os.environ["AWS_SHARED_CREDENTIALS_FILE"] = os.path.join(aws, "credentials")


def use_endpoints(endpoint, **extra):
    for variable in ENDPOINT_VARIABLES:
        os.environ.pop(variable, None)
    os.environ["AWS_ENDPOINT_URL_STS"] = endpoint
    os.environ["AWS_ENDPOINT_URL_SSO"] = endpoint
    os.environ["AWS_ENDPOINT_URL_AMPLIFY"] = endpoint
    # Without a container or IMDS scenario, botocore must not wander off to 169.254.169.254.
    os.environ["AWS_EC2_METADATA_DISABLED"] = "true"
    for name, value in extra.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


def resolve_and_call(run, profile, expected_method, expected_arn_start):
    session = boto3.Session(profile_name=profile)
    credentials = session.get_credentials()
    run.check(credentials is not None, f"{profile}: botocore found credentials")
    run.check(credentials.method == expected_method, f"{profile}: resolved by {credentials.method}, expected {expected_method}")
    frozen = credentials.get_frozen_credentials()
    run.check(frozen.access_key.startswith("ASIA") and frozen.token, f"{profile}: temporary credentials with a session token")
    apps = session.client("amplify", config=NO_RETRIES).list_apps()["apps"]
    run.check(len(apps) == 2, f"{profile}: amplify list_apps with these credentials lists the 2 sample apps ({len(apps)})")
    caller = session.client("sts", config=NO_RETRIES).get_caller_identity()
    run.check(caller["Arn"].startswith(expected_arn_start), f"{profile}: get_caller_identity is {caller['Arn']}, expected {expected_arn_start}...")
    run.check(caller["UserId"].startswith("AROA") and caller["Account"] == caller["Arn"].split(":")[4], f"{profile}: UserId and Account match the role session")
    run.sources.append(expected_method)
    return frozen


def expect_client_error(run, call, code, status, description):
    try:
        call()
    except botocore.exceptions.ClientError as error:
        got = (error.response["Error"].get("Code"), error.response["ResponseMetadata"]["HTTPStatusCode"])
        run.check(got == (code, status), f"{description}: expected {status} {code}, got {got[1]} {got[0]}")
        run.check(bool(error.response["Error"].get("Message")), f"{description}: the error has a message")
        return
    raise AssertionError(f"{description}: expected {code}, but the call succeeded")


def http_status(request):
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, answer.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def main():
    if len(sys.argv) != 2:
        print(__doc__)
        shutil.rmtree(HOME, ignore_errors=True)
        return 2
    endpoint = sys.argv[1].rstrip("/")
    key_id, secret = os.environ["IDENTITY_CHECK_KEY_ID"], os.environ["IDENTITY_CHECK_SECRET"]
    sso_token, container_token = os.environ["IDENTITY_CHECK_SSO_TOKEN"], os.environ["IDENTITY_CHECK_CONTAINER_TOKEN"]
    for variable in ("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
                     "AWS_SECURITY_TOKEN", "AWS_ROLE_ARN", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ENDPOINT_URL",
                     "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_STS_REGIONAL_ENDPOINTS"):
        os.environ.pop(variable, None)
    home = HOME
    run = Run()
    try:
        write_files(home, key_id, secret, sso_token)

        def static_key():
            use_endpoints(endpoint)
            caller = boto3.Session(profile_name="source", region_name="us-east-1").client("sts", config=NO_RETRIES).get_caller_identity()
            run.check(caller["Arn"] == "arn:aws:iam::123456789012:user/emulator", f"the configured key is the emulator user ({caller['Arn']})")

        def assume_role():
            use_endpoints(endpoint)
            resolve_and_call(run, "assume", "assume-role", f"arn:aws:sts::{ROLE_ACCOUNT}:assumed-role/emulator-deployer/boto3-check")

        def chained_role():
            use_endpoints(endpoint)
            resolve_and_call(run, "chained", "assume-role", f"arn:aws:sts::{ROLE_ACCOUNT}:assumed-role/emulator-deployer/boto3-chained")

        def web_identity():
            use_endpoints(endpoint)
            resolve_and_call(run, "webid", "assume-role-with-web-identity", f"arn:aws:sts::{ROLE_ACCOUNT}:assumed-role/emulator-web-identity/boto3-web")

        def sso():
            use_endpoints(endpoint)
            resolve_and_call(run, "sso", "sso", f"arn:aws:sts::{ROLE_ACCOUNT}:assumed-role/AWSReservedSSO_Deployer_")

        def container():
            use_endpoints(endpoint, AWS_CONTAINER_CREDENTIALS_FULL_URI=endpoint + "/container-credentials/boto3-task",
                          AWS_CONTAINER_AUTHORIZATION_TOKEN=container_token)
            resolve_and_call(run, "bare", "container-role", "arn:aws:sts::123456789012:assumed-role/emulator-container-role/")

        def instance_metadata():
            use_endpoints(endpoint, AWS_EC2_METADATA_DISABLED=None, AWS_EC2_METADATA_SERVICE_ENDPOINT=endpoint + "/")
            resolve_and_call(run, "bare", "iam-role", "arn:aws:sts::123456789012:assumed-role/emulator-instance-role/")

        def refusals():
            use_endpoints(endpoint)
            sts = boto3.client("sts", region_name="us-east-1", aws_access_key_id=key_id, aws_secret_access_key=secret + "x", config=NO_RETRIES)
            expect_client_error(run, sts.get_caller_identity, "SignatureDoesNotMatch", 403, "sts signed with a wrong secret")
            unknown = boto3.client("sts", region_name="us-east-1", aws_access_key_id="ASIAUNKNOWNKEYEXAMPLE", aws_secret_access_key=secret,
                                   aws_session_token="not-issued", config=NO_RETRIES)
            expect_client_error(run, unknown.get_caller_identity, "InvalidClientTokenId", 403, "sts with a key the emulator never issued")
            good = boto3.client("sts", region_name="us-east-1", aws_access_key_id=key_id, aws_secret_access_key=secret, config=NO_RETRIES)
            expect_client_error(run, lambda: good.assume_role(RoleArn="arn:aws:iam::123456789012:user/not-a-role", RoleSessionName="s1"),
                                "ValidationError", 400, "assume_role of an ARN that is no role")
            expect_client_error(run, lambda: good.assume_role(RoleArn=DEPLOY_ROLE, RoleSessionName="no spaces allowed"),
                                "ValidationError", 400, "assume_role with a session name outside the model's pattern")
            issued = good.assume_role(RoleArn=DEPLOY_ROLE, RoleSessionName="s1", DurationSeconds=900)["Credentials"]
            lifetime = issued["Expiration"] - datetime.datetime.now(datetime.timezone.utc)
            run.check(datetime.timedelta(minutes=13) < lifetime <= datetime.timedelta(minutes=15, seconds=5), f"DurationSeconds=900 gives 15 minutes ({lifetime})")
            wrong_token = boto3.client("sts", region_name="us-east-1", aws_access_key_id=issued["AccessKeyId"],
                                       aws_secret_access_key=issued["SecretAccessKey"], aws_session_token=issued["SessionToken"] + "x", config=NO_RETRIES)
            expect_client_error(run, wrong_token.get_caller_identity, "InvalidClientTokenId", 403, "issued key with a wrong session token")
            amplify = boto3.client("amplify", region_name="us-east-1", aws_access_key_id=issued["AccessKeyId"],
                                   aws_secret_access_key=issued["SecretAccessKey"], config=NO_RETRIES)
            expect_client_error(run, amplify.list_apps, "UnrecognizedClientException", 403, "issued key without its session token on Amplify")
            unsigned = boto3.client("sts", region_name="us-east-1", config=botocore.config.Config(signature_version=botocore.UNSIGNED, retries={"total_max_attempts": 1}))
            expect_client_error(run, lambda: unsigned.assume_role_with_web_identity(RoleArn=WEB_ROLE, RoleSessionName="s1", WebIdentityToken="not-a-jwt"),
                                "InvalidIdentityToken", 400, "a web identity token that is no JWT")
            expired = jwt({"iss": "https://oidc.emulator.example", "sub": "system:serviceaccount:ci:deployer", "aud": "sts.amazonaws.com", "exp": int(time.time()) - 60})
            try:
                unsigned.assume_role_with_web_identity(RoleArn=WEB_ROLE, RoleSessionName="s1", WebIdentityToken=expired)
                raise AssertionError("an expired web identity token was accepted")
            except unsigned.exceptions.ExpiredTokenException as error:
                run.check(error.response["ResponseMetadata"]["HTTPStatusCode"] == 400, "an expired web identity token is the model's ExpiredTokenException (400)")
            expect_client_error(run, unsigned.get_caller_identity,
                                "MissingAuthenticationToken", 403, "an unsigned get_caller_identity")
            portal = boto3.client("sso", region_name="us-east-1", config=NO_RETRIES)
            try:
                portal.get_role_credentials(roleName="Deployer", accountId=ROLE_ACCOUNT, accessToken="not-the-sso-token")
                raise AssertionError("a wrong SSO bearer token was accepted")
            except portal.exceptions.UnauthorizedException as error:
                run.check(error.response["ResponseMetadata"]["HTTPStatusCode"] == 401, "a wrong SSO token is UnauthorizedException (401)")
            status, _ = http_status(urllib.request.Request(endpoint + "/container-credentials/boto3-task"))
            run.check(status == 401, f"the container endpoint without its authorization token answers 401 ({status})")
            status, _ = http_status(urllib.request.Request(endpoint + "/latest/meta-data/iam/security-credentials/"))
            run.check(status == 401, f"IMDS without a session token answers 401 ({status})")
            status, _ = http_status(urllib.request.Request(endpoint + "/latest/api/token", method="PUT", headers={"x-aws-ec2-metadata-token-ttl-seconds": "21601"}))
            run.check(status == 400, f"an IMDS token TTL over 21600 answers 400 ({status})")

        for name, scenario in (("static key", static_key), ("assume role (source_profile)", assume_role),
                               ("chained assume role", chained_role), ("web identity token file", web_identity),
                               ("sso profile", sso), ("container FULL_URI", container), ("IMDSv2", instance_metadata),
                               ("refusals", refusals)):
            run.scenario(name, scenario)
    finally:
        shutil.rmtree(home, ignore_errors=True)

    print()
    print(f"{len(set(run.sources))} credential sources resolved ({', '.join(sorted(set(run.sources)))}), {run.checks} checks, {len(run.failures)} failed scenarios")
    if run.failures:
        print("SUMMARY OF FAILURES")
        for failure in run.failures:
            print(f"  {failure}")
        return 1
    print("every credential source resolved through the emulator and its credentials were accepted")
    return 0


if __name__ == "__main__":
    sys.exit(main())
