"""Checks the emulator with an independent client: boto3, driven by the official service models.

Usage: python3 boto3_client_check.py BASE_URL

The emulator must accept the bearer token in AWS_BEARER_TOKEN_CODECATALYST. Exits 0 when every check
passes; otherwise prints what failed and exits 1. Uses only the sample data (see SampleData.cs).
"""

import datetime
import json
import os
import sys
import urllib.request
import uuid

import boto3
import botocore.config
import botocore.exceptions

SPACE = "ExampleCorp"
PROJECT = "MyDemoProject"
BUILD_WORKFLOW_ID = "5f2d3c1a-0b6e-4e7a-9c41-2a7b8d9e0f11"
FAILING_WORKFLOW_ID = "7a9c2e44-3d1b-4f0a-8e52-6c3d9b1a2f22"
SAMPLE_WORKFLOW_NAMES = ["build", "deploy", "integration-tests", "lint"]
TOKEN_ENV = "AWS_BEARER_TOKEN_CODECATALYST"


def check(condition, description):
    if not condition:
        raise AssertionError(description)
    print(f"ok: {description}")


def admin_post(base_url, path, payload):
    """Calls one of the emulator's own /_emulator endpoints (not part of the AWS API)."""
    request = urllib.request.Request(
        base_url.rstrip("/") + path,
        data=json.dumps(payload).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        body = response.read()
        return json.loads(body) if body else None


def codecatalyst_client(base_url, token, **config):
    # botocore reads the bearer token from the environment when it builds the client.
    previous = os.environ.get(TOKEN_ENV)
    os.environ[TOKEN_ENV] = token
    try:
        return boto3.client(
            "codecatalyst",
            endpoint_url=base_url,
            region_name="us-west-2",
            config=botocore.config.Config(**config) if config else None,
        )
    finally:
        if previous is None:
            del os.environ[TOKEN_ENV]
        else:
            os.environ[TOKEN_ENV] = previous


def expect_error(call, exception_class, description):
    try:
        call()
    except exception_class as error:
        message = error.response["Error"].get("Message", "")
        check(bool(message), f"{description} raises {exception_class.__name__} with a message ({message!r})")
        return error
    raise AssertionError(f"{description} did not raise {exception_class.__name__}")


def check_workflows(client):
    identity = client.verify_session()["identity"]
    check(bool(identity) and identity != os.environ[TOKEN_ENV], "verify_session returns an identity that is not the token")

    pages = list(
        client.get_paginator("list_workflows").paginate(
            spaceName=SPACE, projectName=PROJECT, PaginationConfig={"PageSize": 1}
        )
    )
    workflows = [item for page in pages for item in page["items"]]
    check(len(pages) == 4, "the list_workflows paginator follows nextToken across 4 pages of 1")
    check([w["name"] for w in workflows] == SAMPLE_WORKFLOW_NAMES, "list_workflows returns the sample workflows")
    for workflow in workflows:
        check(
            isinstance(workflow["createdTime"], datetime.datetime) and workflow["createdTime"].tzinfo is not None,
            f"workflow {workflow['name']} has a parsed, timezone-aware createdTime",
        )
        check(workflow["definition"]["path"].endswith(f"/{workflow['name']}.yaml"), f"workflow {workflow['name']} has its definition path")

    build = client.get_workflow(spaceName=SPACE, projectName=PROJECT, id=BUILD_WORKFLOW_ID)
    check(
        (build["name"], build["runMode"], build["status"], build["sourceRepositoryName"], build["sourceBranchName"])
        == ("build", "QUEUED", "ACTIVE", "MyDemoRepo", "main"),
        "get_workflow returns the build workflow",
    )


def check_runs(client, base_url):
    client_token = "boto3-" + uuid.uuid4().hex
    first = client.start_workflow_run(
        spaceName=SPACE, projectName=PROJECT, workflowId=FAILING_WORKFLOW_ID, clientToken=client_token
    )
    second = client.start_workflow_run(
        spaceName=SPACE, projectName=PROJECT, workflowId=FAILING_WORKFLOW_ID, clientToken=client_token
    )
    check(first["id"] == second["id"], "start_workflow_run with a repeated clientToken returns the same run")
    check(first["workflowId"] == FAILING_WORKFLOW_ID and first["spaceName"] == SPACE, "start_workflow_run echoes its inputs")

    # Without a clientToken botocore generates one, so each call is a new run.
    other = client.start_workflow_run(spaceName=SPACE, projectName=PROJECT, workflowId=BUILD_WORKFLOW_ID)
    check(other["id"] != first["id"], "start_workflow_run with a generated clientToken starts a new run")

    run = client.get_workflow_run(spaceName=SPACE, projectName=PROJECT, id=first["id"])
    check(run["status"] in {"PROVISIONING", "IN_PROGRESS", "FAILED"}, f"get_workflow_run reports a lifecycle status ({run['status']})")
    check(isinstance(run["startTime"], datetime.datetime), "get_workflow_run has a parsed startTime")

    seeded = admin_post(
        base_url, "/_emulator/seed-runs",
        {"spaceName": SPACE, "projectName": PROJECT, "workflowId": FAILING_WORKFLOW_ID, "count": 7},
    )["runIds"]
    pages = list(
        client.get_paginator("list_workflow_runs").paginate(
            spaceName=SPACE, projectName=PROJECT, PaginationConfig={"PageSize": 3}
        )
    )
    runs = [item for page in pages for item in page["items"]]
    check(len(runs) == 9 and len({r["id"] for r in runs}) == 9, "the list_workflow_runs paginator returns all 9 runs once")
    check(len(pages) == 3, "list_workflow_runs pages by maxResults")
    check(
        all(a["startTime"] >= b["startTime"] for a, b in zip(runs, runs[1:])),
        "list_workflow_runs lists newest first",
    )
    check(all(r["workflowName"] in SAMPLE_WORKFLOW_NAMES for r in runs), "run summaries carry workflowName")
    failed = [r for r in runs if r["id"] in seeded]
    check(
        all(r["status"] == "FAILED" and r["statusReasons"] == [{}] and "endTime" in r for r in failed),
        "seeded failed runs carry statusReasons and endTime",
    )


def check_errors(client, base_url):
    expect_error(
        lambda: client.get_workflow(spaceName="bad name!", projectName=PROJECT, id=BUILD_WORKFLOW_ID),
        client.exceptions.ValidationException,
        "get_workflow with an invalid space name",
    )
    expect_error(
        lambda: client.get_workflow(spaceName=SPACE, projectName=PROJECT, id=str(uuid.uuid4())),
        client.exceptions.ResourceNotFoundException,
        "get_workflow with an unknown id",
    )
    expect_error(
        lambda: client.start_workflow_run(spaceName=SPACE, projectName=PROJECT, workflowId=str(uuid.uuid4())),
        client.exceptions.ResourceNotFoundException,
        "start_workflow_run of an unknown workflow",
    )
    stranger = codecatalyst_client(base_url, "not-the-configured-token")
    expect_error(stranger.verify_session, stranger.exceptions.AccessDeniedException, "a call with the wrong token")

    # total_max_attempts counts the first try too (legacy mode's max_attempts would count only retries).
    no_retries = codecatalyst_client(base_url, os.environ[TOKEN_ENV], retries={"total_max_attempts": 1})
    admin_post(base_url, "/_emulator/faults", {"status": 429, "count": 1, "retryAfterSeconds": 1})
    expect_error(no_retries.verify_session, no_retries.exceptions.ThrottlingException, "an injected 429")

    admin_post(base_url, "/_emulator/faults", {"status": 500, "count": 1})
    check(bool(client.verify_session()["identity"]), "boto3's own retry gets past one injected 500")


def check_oidc(base_url):
    oidc = boto3.client("sso-oidc", endpoint_url=base_url, region_name="us-west-2")
    token = oidc.create_token(clientId="client", clientSecret="secret", grantType="refresh_token", refreshToken="boto3-refresh")
    check(token["tokenType"] == "Bearer" and token["expiresIn"] == 28800, "sso-oidc create_token returns a bearer token")
    again = oidc.create_token(clientId="client", clientSecret="secret", grantType="refresh_token", refreshToken="boto3-refresh")
    check(again["accessToken"] == token["accessToken"], "create_token is deterministic for a refresh token")

    refreshed_client = codecatalyst_client(base_url, token["accessToken"])
    check(bool(refreshed_client.verify_session()["identity"]), "the issued access token is accepted by CodeCatalyst")

    try:
        oidc.create_token(clientId="client", clientSecret="secret", grantType="refresh_token", refreshToken="")
    except oidc.exceptions.InvalidGrantException as error:
        check(error.response.get("error") == "invalid_grant", "an empty refresh token raises InvalidGrantException")
    else:
        raise AssertionError("an empty refresh token was accepted")


def main():
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    base_url = sys.argv[1]
    if TOKEN_ENV not in os.environ:
        print(f"{TOKEN_ENV} must hold the emulator's bearer token")
        return 2

    client = codecatalyst_client(base_url, os.environ[TOKEN_ENV])
    try:
        check_workflows(client)
        check_runs(client, base_url)
        check_errors(client, base_url)
        check_oidc(base_url)
    except (AssertionError, botocore.exceptions.BotoCoreError, botocore.exceptions.ClientError) as failure:
        print(f"FAILED: {type(failure).__name__}: {failure}")
        return 1
    print("all boto3 checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
