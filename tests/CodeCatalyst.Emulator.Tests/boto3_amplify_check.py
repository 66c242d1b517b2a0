"""Calls every AWS Amplify operation the emulator serves through boto3, signed with SigV4, and checks the answers.

Usage: python3 boto3_amplify_check.py BASE_URL

The emulator must start from the built-in sample data (see SampleData.cs) with its default AWS test credentials,
and a fast run speed (RunSpeed 10 or more) keeps the job waits short. Credentials come from the environment:
AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (accepted), AMPLIFY_CHECK_TEMP_KEY_ID / _TEMP_SECRET / _SESSION_TOKEN
(accepted temporary credentials).

Every answer is held against Amplify's model by the same checks as boto3_all_operations_check.py (status,
members, types, enums, lengths, patterns, modeled error shapes). The run fails unless it called each of the 11
operations in operations.txt, and unless requests signed with a wrong secret, an unknown key, a wrong session
token, or a clock five minutes off are refused with the signature errors AWS answers.
Exits 0 when everything passed; otherwise prints a summary and exits 1.
"""

import datetime
import io
import os
import sys
import time
import urllib.request
import zipfile
from unittest import mock

import boto3
import botocore.auth
import botocore.config
import botocore.exceptions

import boto3_all_operations_check as shared

MANUAL_APP = "d2abc"
REPOSITORY_APP = "d3docs4portal"
MAIN = "main"
FAILING = "dev"
OPERATIONS = {
    "ListApps", "GetApp", "ListBranches", "GetBranch", "ListJobs", "GetJob", "StartJob", "StopJob", "DeleteJob",
    "CreateDeployment", "StartDeployment",
}
WAIT_SECONDS = 15
FINISHED = {"SUCCEED", "FAILED", "CANCELLED"}


class AmplifyRecorder(shared.ProtocolRecorder):
    def __init__(self, client):  # pylint: disable=super-init-not-called
        self.model = client.meta.service_model
        self.answered = set()
        self.mismatches = []
        client.meta.events.register("after-call.amplify", self.after_call)

    def check_value(self, operation, path, value, shape):
        # Amplify has maps (tags, environment variables, upload URLs), which CodeCatalyst's model does not.
        if shape.type_name != "map":
            return super().check_value(operation, path, value, shape)
        if not isinstance(value, dict):
            return self.mismatch(operation, f"{path} is {type(value).__name__}, the model says a map")
        for key, item in value.items():
            self.check_value(operation, f"{path}<key>", key, shape.key)
            if item is None:
                self.mismatch(operation, f"{path}.{key} is null")
            else:
                self.check_value(operation, f"{path}.{key}", item, shape.value)
        return None


def make_client(endpoint, key_id, secret, token=None):
    # No retries: a retried call would hide the first answer from the checks.
    return boto3.client(
        "amplify", endpoint_url=endpoint, region_name="us-east-1",
        aws_access_key_id=key_id, aws_secret_access_key=secret, aws_session_token=token,
        config=botocore.config.Config(retries={"total_max_attempts": 1}),
    )


def wait_for_end(client, app, branch, job_id):
    deadline = time.monotonic() + WAIT_SECONDS
    seen = []
    while time.monotonic() < deadline:
        status = client.get_job(appId=app, branchName=branch, jobId=job_id)["job"]["summary"]["status"]
        if not seen or seen[-1] != status:
            seen.append(status)
        if status in FINISHED:
            return seen
        time.sleep(0.01)
    raise AssertionError(f"job {job_id} never finished; statuses seen: {seen}")


def all_items(client, operation, key, page_size=None, **parameters):
    config = {"PageSize": page_size} if page_size else {}
    pages = list(client.get_paginator(operation).paginate(PaginationConfig=config, **parameters))
    return [item for page in pages for item in page.get(key, [])], len(pages)


def apps_and_branches(run):
    client = run.client
    apps, pages = all_items(client, "list_apps", "apps", page_size=1)
    run.check([a["appId"] for a in apps] == [MANUAL_APP, REPOSITORY_APP] and pages == 2, f"list_apps pages the sample apps ({[a['appId'] for a in apps]}, {pages} pages)")
    app = client.get_app(appId=MANUAL_APP)["app"]
    run.check(app["name"] == "corp-site" and app["repository"] == "", "get_app returns the manually deployed app")
    run.check(isinstance(app["createTime"], datetime.datetime), "get_app's createTime parses as a timestamp")
    branches, _ = all_items(client, "list_branches", "branches", appId=REPOSITORY_APP)
    run.check([b["branchName"] for b in branches] == [FAILING, MAIN], "list_branches lists dev and main")
    branch = client.get_branch(appId=REPOSITORY_APP, branchName=MAIN)["branch"]
    run.check(branch["stage"] == "PRODUCTION" and branch["totalNumberOfJobs"] == "3", "get_branch returns main with its 3 jobs")
    run.expect_error("NotFoundException", lambda: client.get_app(appId="dnosuchapp"), "get_app of an unknown app")
    run.expect_error("NotFoundException", lambda: client.get_branch(appId=MANUAL_APP, branchName="nope"), "get_branch of an unknown branch")
    # Names that need encoding in the path (double-encoded when signed) pass the signature check and reach the lookup.
    for odd in ("feature/login", "rel+1~ünï(x)&y=z", "a b%20c"):
        error = run.expect_error("NotFoundException", lambda: client.get_branch(appId=MANUAL_APP, branchName=odd), f"get_branch of {odd!r}")
        run.check(odd in error.response["Error"]["Message"], f"get_branch of {odd!r} names the branch as sent ({error.response['Error']['Message']})")
    # boto3 refuses values that break the model's lengths itself, so the server's own check is reached by a pattern.
    run.expect_error("BadRequestException", lambda: client.get_app(appId="NOT-AN-APP"), "get_app with an id that breaks the pattern")


def jobs(run):
    client = run.client
    listed, pages = all_items(client, "list_jobs", "jobSummaries", page_size=2, appId=REPOSITORY_APP, branchName=MAIN)
    run.check([j["jobId"] for j in listed] == ["3", "2", "1"] and pages == 2, f"list_jobs pages newest first ({[j['jobId'] for j in listed]}, {pages} pages)")
    run.check(all(j["status"] == "SUCCEED" for j in listed), "the finished sample jobs succeeded")

    started = client.start_job(appId=REPOSITORY_APP, branchName=MAIN, jobType="RELEASE", jobReason="boto3 check")["jobSummary"]
    run.check(started["status"] == "PENDING" and started["jobType"] == "RELEASE", f"start_job answers a PENDING RELEASE job ({started['status']})")
    seen = wait_for_end(client, REPOSITORY_APP, MAIN, started["jobId"])
    run.check(seen[-1] == "SUCCEED" and "RUNNING" in seen, f"a job on main runs and succeeds ({seen})")
    job = client.get_job(appId=REPOSITORY_APP, branchName=MAIN, jobId=started["jobId"])["job"]
    run.check(job["summary"].get("endTime") is not None and len(job["steps"]) == 1, "get_job of a finished job has an endTime and a step")

    failing = client.start_job(appId=REPOSITORY_APP, branchName=FAILING, jobType="RELEASE")["jobSummary"]
    run.check(wait_for_end(client, REPOSITORY_APP, FAILING, failing["jobId"])[-1] == "FAILED", "a job on the branch marked to fail fails")
    retried = client.start_job(appId=REPOSITORY_APP, branchName=FAILING, jobType="RETRY", jobId=failing["jobId"])["jobSummary"]
    run.check(retried["jobType"] == "RETRY" and retried["commitId"] == failing["commitId"], "start_job RETRY repeats the job's commit")
    run.expect_error("BadRequestException", lambda: client.start_job(appId=REPOSITORY_APP, branchName=MAIN, jobType="RETRY"), "start_job RETRY without a jobId")
    run.expect_error("NotFoundException", lambda: client.start_job(appId=REPOSITORY_APP, branchName=MAIN, jobType="RETRY", jobId="999"), "start_job RETRY of an unknown job")
    run.expect_error("BadRequestException", lambda: client.start_job(appId=MANUAL_APP, branchName=MAIN, jobType="RELEASE"), "start_job RELEASE on an app without a repository")

    to_stop = client.start_job(appId=REPOSITORY_APP, branchName=MAIN, jobType="MANUAL", commitId="abc123", commitMessage="by hand")["jobSummary"]
    run.expect_error("BadRequestException", lambda: client.delete_job(appId=REPOSITORY_APP, branchName=MAIN, jobId=to_stop["jobId"]), "delete_job of a job still in progress")
    stopped = client.stop_job(appId=REPOSITORY_APP, branchName=MAIN, jobId=to_stop["jobId"])["jobSummary"]
    run.check(stopped["status"] == "CANCELLING", f"stop_job answers CANCELLING ({stopped['status']})")
    run.check(wait_for_end(client, REPOSITORY_APP, MAIN, to_stop["jobId"])[-1] == "CANCELLED", "a stopped job ends CANCELLED")
    run.expect_error("BadRequestException", lambda: client.stop_job(appId=REPOSITORY_APP, branchName=MAIN, jobId=to_stop["jobId"]), "stop_job of a finished job")
    deleted = client.delete_job(appId=REPOSITORY_APP, branchName=MAIN, jobId=to_stop["jobId"])["jobSummary"]
    run.check(deleted["jobId"] == to_stop["jobId"] and deleted["status"] == "CANCELLED", "delete_job answers the deleted job")
    run.expect_error("NotFoundException", lambda: client.get_job(appId=REPOSITORY_APP, branchName=MAIN, jobId=to_stop["jobId"]), "get_job after delete_job")
    run.expect_error("BadRequestException", lambda: client.list_jobs(appId=REPOSITORY_APP, branchName=MAIN, nextToken="not-a-token"), "list_jobs with a token the emulator did not issue")


def deployments(run):
    client = run.client
    created = client.create_deployment(appId=MANUAL_APP, branchName=MAIN)
    run.check(created["zipUploadUrl"].startswith("http") and created.get("jobId"), "create_deployment answers a jobId and a zipUploadUrl")
    run.expect_error("BadRequestException", lambda: client.start_deployment(appId=MANUAL_APP, branchName=MAIN, jobId=created["jobId"]), "start_deployment before the zip is uploaded")
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("index.html", "<html>hello</html>")
    upload = urllib.request.Request(created["zipUploadUrl"], data=archive.getvalue(), method="PUT", headers={"Content-Type": "application/zip"})
    with urllib.request.urlopen(upload) as answer:
        run.check(answer.status == 200 and answer.headers.get("ETag"), "the zip upload is taken with an ETag")
    started = client.start_deployment(appId=MANUAL_APP, branchName=MAIN, jobId=created["jobId"])["jobSummary"]
    run.check(started["jobId"] == created["jobId"] and started["jobType"] == "MANUAL", "start_deployment starts the created job")
    run.check(wait_for_end(client, MANUAL_APP, MAIN, started["jobId"])[-1] == "SUCCEED", "the deployment succeeds")

    from_bucket = client.start_deployment(
        appId=MANUAL_APP, branchName=MAIN, sourceUrl="s3://example-bucket/site/", sourceUrlType="BUCKET_PREFIX")["jobSummary"]
    run.check((from_bucket.get("sourceUrl"), from_bucket.get("sourceUrlType")) == ("s3://example-bucket/site/", "BUCKET_PREFIX"), "start_deployment from an S3 prefix")
    run.expect_error("BadRequestException", lambda: client.start_deployment(appId=MANUAL_APP, branchName=MAIN), "start_deployment with neither jobId nor sourceUrl")
    run.expect_error("BadRequestException", lambda: client.create_deployment(appId=REPOSITORY_APP, branchName=MAIN), "create_deployment for an app connected to a repository")


def expect_refused(run, client, code, description, call=None):
    """A refusal by the signature check: 403 with the code AWS uses (not a modeled shape, so a plain ClientError)."""
    try:
        (call or (lambda: client.list_apps()))()
    except botocore.exceptions.ClientError as error:
        status = error.response["ResponseMetadata"]["HTTPStatusCode"]
        run.check(error.response["Error"]["Code"] == code and status == 403, f"{description}: expected 403 {code}, got {status} {error.response['Error'].get('Code')}")
        run.check(bool(error.response["Error"].get("Message")), f"{description}: the refusal has a message")
        run.check(bool(error.response["ResponseMetadata"].get("RequestId")), f"{description}: the refusal has a request id")
        return error.response["Error"]["Message"]
    raise AssertionError(f"{description}: expected {code}, but the call succeeded")


def signatures(endpoint):
    def scenario(run):
        key, secret = os.environ["AWS_ACCESS_KEY_ID"], os.environ["AWS_SECRET_ACCESS_KEY"]
        temporary = make_client(endpoint, os.environ["AMPLIFY_CHECK_TEMP_KEY_ID"], os.environ["AMPLIFY_CHECK_TEMP_SECRET"], os.environ["AMPLIFY_CHECK_SESSION_TOKEN"])
        run.check(len(temporary.list_apps()["apps"]) == 2, "temporary credentials with their session token are accepted")
        message = expect_refused(run, make_client(endpoint, key, secret + "x"), "InvalidSignatureException", "a wrong secret")
        run.check(message.startswith("The request signature we calculated does not match"), f"a wrong secret: AWS's message ({message})")
        expect_refused(run, make_client(endpoint, "AKIAEXAMPLEUNKNOWN00", secret), "UnrecognizedClientException", "an unknown access key")
        expect_refused(run, make_client(endpoint, os.environ["AMPLIFY_CHECK_TEMP_KEY_ID"], os.environ["AMPLIFY_CHECK_TEMP_SECRET"], "wrong-token"), "UnrecognizedClientException", "a wrong session token")
        skewed = make_client(endpoint, key, secret)
        late = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None) - datetime.timedelta(minutes=6)
        with mock.patch.object(botocore.auth, "get_current_datetime", return_value=late):
            message = expect_refused(run, skewed, "InvalidSignatureException", "a request signed six minutes ago")
        run.check(message.startswith("Signature expired:"), f"a request signed six minutes ago: AWS's message ({message})")
        body_client = make_client(endpoint, key, secret + "x")
        expect_refused(run, body_client, "InvalidSignatureException", "a signed POST with a wrong secret",
                       lambda: body_client.start_job(appId=REPOSITORY_APP, branchName=MAIN, jobType="RELEASE"))
    scenario.__name__ = "signatures"
    return scenario


def main():
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    endpoint = sys.argv[1]
    client = make_client(endpoint, os.environ["AWS_ACCESS_KEY_ID"], os.environ["AWS_SECRET_ACCESS_KEY"])
    recorder = AmplifyRecorder(client)
    run = shared.Run(client)
    for scenario in (apps_and_branches, jobs, deployments, signatures(endpoint)):
        run.scenario(scenario)

    not_called = sorted(OPERATIONS - recorder.answered)
    print()
    print(f"{len(recorder.answered & OPERATIONS)} of {len(OPERATIONS)} operations called, {run.checks} checks, "
          f"{len(run.failures)} failed scenarios, {len(recorder.mismatches)} protocol mismatches")
    if run.failures or recorder.mismatches or not_called:
        print("SUMMARY OF FAILURES")
        for failure in run.failures:
            print(f"  scenario  {failure}")
        for mismatch in recorder.mismatches:
            print(f"  mismatch  {mismatch}")
        for operation in not_called:
            print(f"  not called  {operation}")
        return 1
    print("every Amplify operation answered as the model says")
    return 0


if __name__ == "__main__":
    sys.exit(main())
