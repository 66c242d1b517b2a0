"""Calls every CodeCatalyst operation of the official model through boto3 and checks the emulator's answers.

Usage: python3 boto3_all_operations_check.py BASE_URL

The emulator must accept the bearer token in AWS_BEARER_TOKEN_CODECATALYST and start from the built-in sample
data (see SampleData.cs); a fast run speed (RunSpeed 10 or more) keeps the dev environment waits short.

Every answer is held against the model, not against what this script expects: the success status is the
operation's responseCode; the raw JSON body has only modeled members, each of its modeled type, enum value and
length, with every required member present; an error is one of the operation's modeled error shapes, with that
shape's status, raised by boto3 as its modeled exception class. The run fails unless it called every operation in
boto3.client('codecatalyst').meta.service_model.operation_names. Exits 0 when everything passed; otherwise prints
a summary of each failed scenario, each protocol mismatch and each operation not called, and exits 1.
"""

import datetime
import json
import os
import re
import sys
import time
import traceback
import uuid

import boto3
import botocore.config
import botocore.exceptions
from botocore.utils import parse_timestamp

SPACE = "ExampleCorp"
PROJECT = "MyDemoProject"
PIPELINE_PROJECT = "DataPipeline"
SECOND_SPACE = "AnyCompany"
REPOSITORY = "MyDemoRepo"
DEV_ENVIRONMENT_ID = "0e6a1f2b-8c3d-4e5f-9a7b-1c2d3e4f5a66"
SIGNED_IN_USER_ID = "6f1d2c3b-4a5e-4f60-8b7c-9d0e1f2a3b44"
OTHER_USER_NAME = "JaneDoe"
BUILD_WORKFLOW_ID = "5f2d3c1a-0b6e-4e7a-9c41-2a7b8d9e0f11"
TOKEN_ENV = "AWS_BEARER_TOKEN_CODECATALYST"
WAIT_SECONDS = 15


class ProtocolRecorder:
    """Watches every answer boto3 receives and holds it against the model."""

    def __init__(self, client):
        self.model = client.meta.service_model
        self.answered = set()
        self.mismatches = []
        client.meta.events.register("after-call.codecatalyst", self.after_call)

    def after_call(self, http_response, parsed, model, **_):
        self.answered.add(model.name)
        status = http_response.status_code
        try:
            body = json.loads(http_response.content) if http_response.content else {}
        except ValueError:
            self.mismatch(model.name, f"the body is not JSON: {http_response.content[:200]!r}")
            return
        if status < 300:
            expected = model.http.get("responseCode", 200)
            if status != expected:
                self.mismatch(model.name, f"answered {status}, the model says {expected}")
            if model.output_shape is not None:
                self.check_value(model.name, "", body, model.output_shape)
            elif body:
                self.mismatch(model.name, f"answered a body for an operation without output: {body}")
            return

        code = parsed.get("Error", {}).get("Code")
        modeled = {shape.name: shape for shape in model.error_shapes}
        if code not in modeled:
            self.mismatch(model.name, f"answered {status} with error type {code!r}, not one of {sorted(modeled)}")
            return
        expected = modeled[code].metadata.get("error", {}).get("httpStatusCode")
        if expected is not None and status != expected:
            self.mismatch(model.name, f"{code} came with status {status}, the model says {expected}")
        if not parsed.get("Error", {}).get("Message"):
            self.mismatch(model.name, f"{code} came without a message")

    def check_value(self, operation, path, value, shape):
        kind = shape.type_name
        if kind == "structure":
            if not isinstance(value, dict):
                return self.mismatch(operation, f"{path or 'the body'} is {type(value).__name__}, the model says an object")
            by_wire_name = {
                member.serialization.get("name", name): (name, member) for name, member in shape.members.items()
            }
            for key, item in value.items():
                if key not in by_wire_name:
                    self.mismatch(operation, f"{path}.{key} is not a member of {shape.name}")
                    continue
                self.check_value(operation, f"{path}.{key}", item, by_wire_name[key][1])
            wire_names = {name: member.serialization.get("name", name) for name, member in shape.members.items()}
            for required in shape.required_members:
                if wire_names[required] not in value:
                    self.mismatch(operation, f"{path}.{wire_names[required]} is required by {shape.name} but missing")
        elif kind == "list":
            if not isinstance(value, list):
                return self.mismatch(operation, f"{path} is {type(value).__name__}, the model says a list")
            for index, item in enumerate(value):
                if item is None:
                    self.mismatch(operation, f"{path}[{index}] is null")
                else:
                    self.check_value(operation, f"{path}[{index}]", item, shape.member)
            self.check_bounds(operation, path, len(value), shape, "entries")
        elif kind == "string":
            if not isinstance(value, str):
                return self.mismatch(operation, f"{path} is {type(value).__name__}, the model says a string")
            if shape.enum and value not in shape.enum:
                self.mismatch(operation, f"{path} is {value!r}, not one of the model's values {shape.enum}")
            self.check_bounds(operation, path, len(value), shape, "characters")
            pattern = shape.metadata.get("pattern")
            if pattern is not None:
                try:
                    matches = re.fullmatch(pattern, value) is not None
                except re.error:
                    matches = True  # a pattern Python cannot compile is not the emulator's fault
                if not matches:
                    self.mismatch(operation, f"{path} is {value!r}, which does not match {pattern}")
        elif kind in ("integer", "long"):
            if isinstance(value, bool) or not isinstance(value, int):
                return self.mismatch(operation, f"{path} is {value!r}, the model says an integer")
            self.check_bounds(operation, path, value, shape, "")
        elif kind == "boolean":
            if not isinstance(value, bool):
                self.mismatch(operation, f"{path} is {value!r}, the model says true or false")
        elif kind == "timestamp":
            try:
                parse_timestamp(value)
            except (ValueError, TypeError):
                self.mismatch(operation, f"{path} is {value!r}, not a timestamp")
        else:
            self.mismatch(operation, f"{path} has the model type {kind}, which this check does not know")

    def check_bounds(self, operation, path, measure, shape, unit):
        low, high = shape.metadata.get("min"), shape.metadata.get("max")
        if low is not None and measure < low:
            self.mismatch(operation, f"{path} is {measure} {unit}, below the model's minimum {low}".replace("  ", " "))
        if high is not None and measure > high:
            self.mismatch(operation, f"{path} is {measure} {unit}, above the model's maximum {high}".replace("  ", " "))

    def mismatch(self, operation, description):
        self.mismatches.append(f"{operation}: {description}")


class Run:
    def __init__(self, client):
        self.client = client
        self.checks = 0
        self.failures = []

    def check(self, condition, description):
        self.checks += 1
        if not condition:
            raise AssertionError(description)

    def expect_error(self, exception_name, call, description):
        """Expects boto3 to raise the modeled exception class for this error shape."""
        exception_class = getattr(self.client.exceptions, exception_name)
        try:
            call()
        except exception_class as error:
            self.check(error.response["Error"]["Code"] == exception_name, f"{description}: error code {exception_name}")
            return error
        except botocore.exceptions.ClientError as error:
            raise AssertionError(
                f"{description}: expected {exception_name}, got {error.response['Error'].get('Code')}: {error}"
            ) from error
        raise AssertionError(f"{description}: expected {exception_name}, but the call succeeded")

    def scenario(self, function):
        try:
            function(self)
            print(f"ok: {function.__name__}")
        except Exception as failure:  # each scenario reports and the run goes on, so one summary shows everything
            detail = "".join(traceback.format_exception_only(type(failure), failure)).strip()
            self.failures.append(f"{function.__name__}: {detail}")
            print(f"FAILED: {function.__name__}: {detail}")


def wait_for_status(client, environment_id, wanted, project=PROJECT):
    deadline = time.monotonic() + WAIT_SECONDS
    seen = []
    while time.monotonic() < deadline:
        status = client.get_dev_environment(spaceName=SPACE, projectName=project, id=environment_id)["status"]
        if not seen or seen[-1] != status:
            seen.append(status)
        if status == wanted:
            return seen
        time.sleep(0.02)
    raise AssertionError(f"dev environment {environment_id} never became {wanted}; statuses seen: {seen}")


def all_items(client, operation, page_size=None, **parameters):
    config = {"PageSize": page_size} if page_size else {}
    pages = list(client.get_paginator(operation).paginate(PaginationConfig=config, **parameters))
    return [item for page in pages for item in page.get("items", [])], len(pages)


def session_and_workflows(run):
    client = run.client
    run.check(bool(client.verify_session()["identity"]), "verify_session names an identity")
    workflows, _ = all_items(client, "list_workflows", spaceName=SPACE, projectName=PROJECT)
    run.check(BUILD_WORKFLOW_ID in {w["id"] for w in workflows}, "list_workflows lists the build workflow")
    run.check(client.get_workflow(spaceName=SPACE, projectName=PROJECT, id=BUILD_WORKFLOW_ID)["name"] == "build", "get_workflow")
    started = client.start_workflow_run(spaceName=SPACE, projectName=PROJECT, workflowId=BUILD_WORKFLOW_ID)
    run.check(client.get_workflow_run(spaceName=SPACE, projectName=PROJECT, id=started["id"])["workflowId"] == BUILD_WORKFLOW_ID, "get_workflow_run")
    runs, _ = all_items(client, "list_workflow_runs", spaceName=SPACE, projectName=PROJECT)
    run.check(started["id"] in {r["id"] for r in runs}, "list_workflow_runs lists the new run")
    run.expect_error("ResourceNotFoundException", lambda: client.get_workflow_run(spaceName=SPACE, projectName=PROJECT, id=str(uuid.uuid4())), "get_workflow_run of an unknown id")


def spaces(run):
    client = run.client
    listed, pages = all_items(client, "list_spaces")
    run.check([s["name"] for s in listed] == [SECOND_SPACE, SPACE], f"list_spaces lists both sample spaces ({[s['name'] for s in listed]})")
    space = client.get_space(name=SPACE)
    run.check((space["name"], space["regionName"]) == (SPACE, "us-west-2"), "get_space returns the space and its region")
    updated = client.update_space(name=SPACE, description="Updated by boto3")
    run.check(updated.get("description") == "Updated by boto3", "update_space answers the new description")
    run.check(client.get_space(name=SPACE).get("description") == "Updated by boto3", "get_space shows the new description")
    subscription = client.get_subscription(spaceName=SPACE)
    run.check(subscription.get("subscriptionType") == "STANDARD", "get_subscription returns the sample subscription")
    run.expect_error("ResourceNotFoundException", lambda: client.get_space(name="NoSuchSpace"), "get_space of an unknown space")
    # boto3 itself refuses names shorter than the model's minimum, so the server's own check is reached by a pattern.
    run.expect_error("ValidationException", lambda: client.get_subscription(spaceName="bad name!"), "get_subscription with a space name that breaks the pattern")


def projects(run):
    client = run.client
    created = client.create_project(spaceName=SPACE, displayName="Boto3 Project", description="Made by boto3")
    run.check(created["name"] == "Boto3-Project", f"create_project derives the name from the display name ({created['name']})")
    run.expect_error("ConflictException", lambda: client.create_project(spaceName=SPACE, displayName="Boto3 Project"), "create_project with a taken name")
    run.check(client.get_project(spaceName=SPACE, name="Boto3-Project").get("description") == "Made by boto3", "get_project")
    filtered, _ = all_items(
        client, "list_projects", page_size=1, spaceName=SPACE,
        filters=[{"key": "name", "values": ["Boto3"], "comparisonOperator": "BEGINS_WITH"}],
    )
    run.check([p["name"] for p in filtered] == ["Boto3-Project"], "list_projects with a BEGINS_WITH name filter")
    everything, pages = all_items(client, "list_projects", page_size=1, spaceName=SPACE)
    run.check(len(everything) == 3 and pages == 3, f"list_projects pages one project at a time ({len(everything)} in {pages})")
    run.check(client.update_project(spaceName=SPACE, name="Boto3-Project", description="Changed").get("description") == "Changed", "update_project")
    deleted = client.delete_project(spaceName=SPACE, name="Boto3-Project")
    run.check(deleted["name"] == "Boto3-Project", "delete_project answers the project")
    run.expect_error("ResourceNotFoundException", lambda: client.get_project(spaceName=SPACE, name="Boto3-Project"), "get_project after delete_project")
    run.expect_error(
        "ValidationException",
        lambda: client.list_projects(spaceName=SPACE, filters=[{"key": "color", "values": ["blue"]}]),
        "list_projects with a filter key the model does not have",
    )


def source_repositories(run):
    client = run.client
    created = client.create_source_repository(spaceName=SPACE, projectName=PROJECT, name="boto3-repo", description="From boto3")
    run.check((created["name"], created.get("description")) == ("boto3-repo", "From boto3"), "create_source_repository")
    run.expect_error("ConflictException", lambda: client.create_source_repository(spaceName=SPACE, projectName=PROJECT, name="boto3-repo"), "create_source_repository with a taken name")
    run.expect_error("ValidationException", lambda: client.create_source_repository(spaceName=SPACE, projectName=PROJECT, name="bad.git"), "create_source_repository named *.git")
    repository = client.get_source_repository(spaceName=SPACE, projectName=PROJECT, name="boto3-repo")
    run.check(isinstance(repository["createdTime"], datetime.datetime), "get_source_repository has a parsed createdTime")
    listed, pages = all_items(client, "list_source_repositories", page_size=1, spaceName=SPACE, projectName=PROJECT)
    run.check([r["name"] for r in listed] == ["MyDemoDocs", REPOSITORY, "boto3-repo"] and pages == 3, f"list_source_repositories pages by name ({[r['name'] for r in listed]})")
    urls = client.get_source_repository_clone_urls(spaceName=SPACE, projectName=PROJECT, sourceRepositoryName="boto3-repo")
    run.check(urls["https"].endswith(f"/{SPACE}/{PROJECT}/boto3-repo"), "get_source_repository_clone_urls")
    branches, _ = all_items(client, "list_source_repository_branches", spaceName=SPACE, projectName=PROJECT, sourceRepositoryName="boto3-repo")
    run.check([b["name"] for b in branches] == ["main"], "a new repository has main")
    branch = client.create_source_repository_branch(
        spaceName=SPACE, projectName=PROJECT, sourceRepositoryName="boto3-repo", name="feature/boto3", headCommitId=branches[0]["headCommitId"]
    )
    run.check((branch["name"], branch["ref"]) == ("feature/boto3", "refs/heads/feature/boto3"), f"create_source_repository_branch keeps the slash ({branch['name']})")
    run.expect_error(
        "ConflictException",
        lambda: client.create_source_repository_branch(spaceName=SPACE, projectName=PROJECT, sourceRepositoryName="boto3-repo", name="feature/boto3"),
        "create_source_repository_branch of an existing branch",
    )
    branches, pages = all_items(client, "list_source_repository_branches", page_size=1, spaceName=SPACE, projectName=PROJECT, sourceRepositoryName="boto3-repo")
    run.check([b["name"] for b in branches] == ["feature/boto3", "main"] and pages == 2, "list_source_repository_branches pages")
    deleted = client.delete_source_repository(spaceName=SPACE, projectName=PROJECT, name="boto3-repo")
    run.check(deleted["name"] == "boto3-repo", "delete_source_repository answers the repository")
    run.expect_error(
        "ResourceNotFoundException",
        lambda: client.list_source_repository_branches(spaceName=SPACE, projectName=PROJECT, sourceRepositoryName="boto3-repo"),
        "the branches of a deleted repository",
    )


def dev_environments(run):
    client = run.client
    created = client.create_dev_environment(
        spaceName=SPACE, projectName=PROJECT, instanceType="dev.standard1.small", persistentStorage={"sizeInGiB": 16},
        ides=[{"name": "VSCode"}], repositories=[{"repositoryName": REPOSITORY, "branchName": "main"}], alias="boto3-env",
    )
    environment_id = created["id"]
    seen = wait_for_status(client, environment_id, "RUNNING")
    run.check(set(seen) <= {"PENDING", "STARTING", "RUNNING"}, f"a new dev environment goes PENDING, STARTING, RUNNING ({seen})")
    environment = client.get_dev_environment(spaceName=SPACE, projectName=PROJECT, id=environment_id)
    run.check(environment["persistentStorage"]["sizeInGiB"] == 16 and environment["alias"] == "boto3-env", "get_dev_environment")
    listed, pages = all_items(client, "list_dev_environments", page_size=1, spaceName=SPACE)
    run.check([e["id"] for e in listed] == [DEV_ENVIRONMENT_ID, environment_id] and pages == 2, "list_dev_environments pages oldest first")
    updated = client.update_dev_environment(spaceName=SPACE, projectName=PROJECT, id=environment_id, alias="boto3-renamed")
    run.check(updated.get("alias") == "boto3-renamed", "update_dev_environment answers the new alias")
    stopped = client.stop_dev_environment(spaceName=SPACE, projectName=PROJECT, id=environment_id)
    run.check(stopped["status"] == "STOPPING", f"stop_dev_environment answers STOPPING ({stopped['status']})")
    wait_for_status(client, environment_id, "STOPPED")
    run.expect_error(
        "ConflictException",
        lambda: client.start_dev_environment_session(spaceName=SPACE, projectName=PROJECT, id=environment_id, sessionConfiguration={"sessionType": "SSM"}),
        "a session on a STOPPED dev environment",
    )
    started = client.start_dev_environment(spaceName=SPACE, projectName=PROJECT, id=environment_id)
    run.check(started["status"] == "STARTING", f"start_dev_environment answers STARTING ({started['status']})")
    wait_for_status(client, environment_id, "RUNNING")
    run.expect_error(
        "ValidationException",
        lambda: client.create_dev_environment(spaceName=SPACE, projectName=PROJECT, instanceType="dev.standard1.huge", persistentStorage={"sizeInGiB": 16}, ides=[{"name": "VSCode"}]),
        "create_dev_environment with an instance type the model does not have",
    )
    deleted = client.delete_dev_environment(spaceName=SPACE, projectName=PROJECT, id=environment_id)
    run.check(deleted["id"] == environment_id, "delete_dev_environment answers the id")
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        try:
            client.get_dev_environment(spaceName=SPACE, projectName=PROJECT, id=environment_id)
        except client.exceptions.ResourceNotFoundException:
            break
        if time.monotonic() > deadline:
            raise AssertionError("a deleted dev environment never went away")
        time.sleep(0.02)


def dev_environment_sessions(run):
    client = run.client
    started = client.start_dev_environment_session(
        spaceName=SPACE, projectName=PROJECT, id=DEV_ENVIRONMENT_ID, sessionConfiguration={"sessionType": "SSH"}
    )
    run.check(bool(started["accessDetails"]["tokenValue"]) and started["accessDetails"]["streamUrl"].startswith("wss://"), "start_dev_environment_session hands out access details")
    second = client.start_dev_environment_session(
        spaceName=SPACE, projectName=PROJECT, id=DEV_ENVIRONMENT_ID, sessionConfiguration={"sessionType": "SSM"}
    )
    sessions, pages = all_items(client, "list_dev_environment_sessions", page_size=1, spaceName=SPACE, projectName=PROJECT, devEnvironmentId=DEV_ENVIRONMENT_ID)
    run.check([s["id"] for s in sessions] == [started["sessionId"], second["sessionId"]] and pages == 2, "list_dev_environment_sessions pages oldest first")
    stopped = client.stop_dev_environment_session(spaceName=SPACE, projectName=PROJECT, id=DEV_ENVIRONMENT_ID, sessionId=started["sessionId"])
    run.check(stopped["sessionId"] == started["sessionId"], "stop_dev_environment_session answers the session")
    run.expect_error(
        "ResourceNotFoundException",
        lambda: client.stop_dev_environment_session(spaceName=SPACE, projectName=PROJECT, id=DEV_ENVIRONMENT_ID, sessionId=started["sessionId"]),
        "stopping a session twice",
    )
    run.expect_error(
        "ValidationException",
        lambda: client.start_dev_environment_session(spaceName=SPACE, projectName=PROJECT, id=DEV_ENVIRONMENT_ID, sessionConfiguration={"sessionType": "RDP"}),
        "a session type the model does not have",
    )


def access_tokens(run):
    client = run.client
    expires = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=30)
    created = [client.create_access_token(name=f"boto3-{index}", expiresTime=expires) for index in range(3)]
    run.check(all(token["secret"] for token in created), "create_access_token hands out a secret")
    run.check(abs((created[0]["expiresTime"] - expires).total_seconds()) < 1, "create_access_token keeps the requested expiry")
    listed, pages = all_items(client, "list_access_tokens", page_size=2)
    run.check([t["name"] for t in listed] == ["boto3-0", "boto3-1", "boto3-2"] and pages == 2, "list_access_tokens pages oldest first")
    run.check(all("secret" not in token for token in listed), "list_access_tokens shows no secret")
    client.delete_access_token(id=created[0]["accessTokenId"])
    run.expect_error("ResourceNotFoundException", lambda: client.delete_access_token(id=created[0]["accessTokenId"]), "deleting a token twice")
    run.expect_error(
        "ValidationException",
        lambda: client.create_access_token(name="expired", expiresTime=datetime.datetime(2020, 1, 1, tzinfo=datetime.timezone.utc)),
        "create_access_token that expires in the past",
    )


def users(run):
    client = run.client
    me = client.get_user_details(id=SIGNED_IN_USER_ID)
    run.check(me["userName"] == "MaryMajor" and me["primaryEmail"]["verified"] is True, "get_user_details by id")
    other = client.get_user_details(userName=OTHER_USER_NAME)
    run.check(other["displayName"] == "Jane Doe", "get_user_details by user name")
    run.expect_error("ResourceNotFoundException", lambda: client.get_user_details(userName="NoSuchUser"), "get_user_details of an unknown user")
    run.expect_error("ValidationException", lambda: client.get_user_details(), "get_user_details without id or userName")


def event_logs(run):
    client = run.client
    start = datetime.datetime(2000, 1, 1, tzinfo=datetime.timezone.utc)
    end = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=1)
    entries, pages = all_items(client, "list_event_logs", page_size=5, spaceName=SPACE, startTime=start, endTime=end)
    names = [entry["eventName"] for entry in entries]
    for expected in ["CreateSourceRepository", "CreateSourceRepositoryBranch", "DeleteSourceRepository", "CreateDevEnvironment", "StopDevEnvironment", "StartDevEnvironmentSession"]:
        run.check(expected in names, f"list_event_logs has an entry for {expected}")
    run.check(pages > 1, "list_event_logs pages")
    run.check(all(entry["userIdentity"]["principalId"] == SIGNED_IN_USER_ID for entry in entries), "event log entries name the signed-in user")
    only, _ = all_items(client, "list_event_logs", spaceName=SPACE, startTime=start, endTime=end, eventName="DeleteSourceRepository")
    run.check([entry["eventName"] for entry in only] == ["DeleteSourceRepository"], "list_event_logs filters by eventName")
    run.expect_error("ValidationException", lambda: client.list_event_logs(spaceName=SPACE, startTime=end, endTime=start), "list_event_logs with endTime before startTime")


def delete_space(run):
    """Last, because it takes a sample space away."""
    client = run.client
    deleted = client.delete_space(name=SECOND_SPACE)
    run.check(deleted["name"] == SECOND_SPACE, "delete_space answers the space")
    run.expect_error("ResourceNotFoundException", lambda: client.get_space(name=SECOND_SPACE), "get_space after delete_space")


SCENARIOS = [
    session_and_workflows, spaces, projects, source_repositories, dev_environments, dev_environment_sessions,
    access_tokens, users, event_logs, delete_space,
]


def main():
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    if TOKEN_ENV not in os.environ:
        print(f"{TOKEN_ENV} must hold the emulator's bearer token")
        return 2

    # No retries: a retried call would hide the first answer from the checks.
    client = boto3.client(
        "codecatalyst", endpoint_url=sys.argv[1], region_name="us-west-2",
        config=botocore.config.Config(retries={"total_max_attempts": 1}),
    )
    recorder = ProtocolRecorder(client)
    run = Run(client)
    for scenario in SCENARIOS:
        run.scenario(scenario)

    modeled = set(client.meta.service_model.operation_names)
    not_called = sorted(modeled - recorder.answered)
    print()
    print(f"{len(recorder.answered & modeled)} of {len(modeled)} operations called, {run.checks} checks, "
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
    print("every CodeCatalyst operation answered as the model says")
    return 0


if __name__ == "__main__":
    sys.exit(main())
