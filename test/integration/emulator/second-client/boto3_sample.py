"""A sample of the emulator's operations driven by boto3 (a client no one here wrote).

Usage: python3 boto3_sample.py ENDPOINT
Prints one JSON object per case: {"case", "ok", "code"?, "status"?, "value"?} or
{"case", "unsupported": "<operation>"} when the installed botocore does not know the operation
(Debian's python3-boto3 predates pools and applications). The vitest file asserts on them.
"""
import json
import sys

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

ENDPOINT = sys.argv[1]
CONFIG = Config(retries={"max_attempts": 1}, parameter_validation=True)
DIRECTORY = "d-9067a1b2c3"
POOLS_DIRECTORY = "wsd-kiosk0001"


def client(service, key="AKIAACCOUNTA", region="us-east-1"):
    session = boto3.session.Session(aws_access_key_id=key, aws_secret_access_key="x", region_name=region)
    return session.client(service, endpoint_url=ENDPOINT, config=CONFIG)


def emit(case, **fields):
    print(json.dumps({"case": case, **fields}, default=str), flush=True)


def run(case, call, value=lambda out: None):
    """Runs call(); emits ok + value, or the AWS error code and HTTP status."""
    try:
        out = call()
        emit(case, ok=True, value=value(out))
        return out
    except ClientError as error:
        emit(case, ok=False, code=error.response["Error"]["Code"], status=error.response["ResponseMetadata"]["HTTPStatusCode"])
        return None


def supports(c, operation):
    return operation in c.meta.service_model.operation_names


def main():
    ws = client("workspaces")
    # directories
    run("RegisterWorkspaceDirectory", lambda: ws.register_workspace_directory(DirectoryId=DIRECTORY, SubnetIds=["subnet-0aaa1111", "subnet-0bbb2222"]))
    run("DescribeWorkspaceDirectories", lambda: ws.describe_workspace_directories(DirectoryIds=[DIRECTORY]), lambda out: [d["State"] for d in out["Directories"]])
    # workspaces with a seeded public bundle, paged by boto3's own paginator
    run("CreateWorkspaces", lambda: ws.create_workspaces(Workspaces=[
        {"DirectoryId": DIRECTORY, "UserName": "alice", "BundleId": "wsb-bh8rsxt14"},
        {"DirectoryId": DIRECTORY, "UserName": "bob", "BundleId": "wsb-bh8rsxt14"},
    ]), lambda out: [len(out["PendingRequests"]), len(out["FailedRequests"])])
    pages = ws.get_paginator("describe_workspaces").paginate(DirectoryId=DIRECTORY, Limit=1)
    run("DescribeWorkspaces (paginator)", lambda: [w["UserName"] for page in pages for w in page["Workspaces"]], lambda out: sorted(out))
    run("TerminateWorkspaces (FailedRequests)", lambda: ws.terminate_workspaces(TerminateWorkspaceRequests=[{"WorkspaceId": "ws-0000000000"}]),
        lambda out: [f["ErrorCode"] for f in out["FailedRequests"]])
    # constraint violations: ValidationException, HTTP 400 (botocore checks neither max nor pattern)
    run("DescribeWorkspaces Limit=26", lambda: ws.describe_workspaces(Limit=26))
    run("DescribeWorkspaces bad id", lambda: ws.describe_workspaces(WorkspaceIds=["i-123"]))
    run("StartWorkspaces bad id", lambda: ws.start_workspaces(StartWorkspaceRequests=[{"WorkspaceId": "bad"}]))
    # IP groups and CIDRs (semantic: InvalidParameterValuesException)
    group = run("CreateIpGroup", lambda: ws.create_ip_group(GroupName="office", UserRules=[{"ipRule": "198.51.100.0/24", "ruleDesc": "HQ"}]), lambda out: out["GroupId"][:6])
    run("CreateIpGroup bad CIDR", lambda: ws.create_ip_group(GroupName="bad", UserRules=[{"ipRule": "10.0.0.0/33"}]))
    # tags
    group_id = group["GroupId"] if group else "wsipg-0000000000"
    run("CreateTags", lambda: ws.create_tags(ResourceId=group_id, Tags=[{"Key": "team", "Value": "net"}]))
    run("DescribeTags", lambda: ws.describe_tags(ResourceId=group_id), lambda out: out["TagList"])
    # bundles, images, associations of Amazon-owned bundles
    run("DescribeWorkspaceBundles AMAZON", lambda: ws.describe_workspace_bundles(Owner="AMAZON"),
        lambda out: "wsb-bh8rsxt14" in [b["BundleId"] for b in out["Bundles"]])
    run("DescribeWorkspaceImages", lambda: ws.describe_workspace_images(), lambda out: out["Images"])
    if supports(ws, "DescribeBundleAssociations"):
        run("DescribeBundleAssociations AMAZON", lambda: ws.describe_bundle_associations(BundleId="wsb-stdwin0001", AssociatedResourceTypes=["APPLICATION"]), lambda out: out["Associations"])
    else:
        emit("DescribeBundleAssociations AMAZON", unsupported="DescribeBundleAssociations")
    # connection aliases, account, branding
    run("CreateConnectionAlias", lambda: ws.create_connection_alias(ConnectionString="desktops.example.com"), lambda out: out["AliasId"][:5])
    run("DescribeAccount", lambda: ws.describe_account(), lambda out: out["DedicatedTenancySupport"])
    if supports(ws, "ImportClientBranding"):
        run("ImportClientBranding", lambda: ws.import_client_branding(ResourceId=DIRECTORY, DeviceTypeWindows={"SupportEmail": "help@example.com"}), lambda out: sorted(out.keys() - {"ResponseMetadata"}))
    else:
        emit("ImportClientBranding", unsupported="ImportClientBranding")
    # pools need a POOLS directory; applications from the seed
    if supports(ws, "CreateWorkspacesPool"):
        pool = dict(Description="kiosks", BundleId="wsb-bh8rsxt14", Capacity={"DesiredUserSessions": 2})
        run("CreateWorkspacesPool personal directory", lambda: ws.create_workspaces_pool(PoolName="bad", DirectoryId=DIRECTORY, **pool))
        run("CreateWorkspacesPool POOLS directory", lambda: ws.create_workspaces_pool(PoolName="kiosk", DirectoryId=POOLS_DIRECTORY, **pool), lambda out: out["WorkspacesPool"]["State"])
    else:
        emit("CreateWorkspacesPool personal directory", unsupported="CreateWorkspacesPool")
        emit("CreateWorkspacesPool POOLS directory", unsupported="CreateWorkspacesPool")
    if supports(ws, "DescribeApplications"):
        run("DescribeApplications", lambda: ws.describe_applications(ApplicationIds=["wsa-0123456789cd"]), lambda out: [a["Name"] for a in out["Applications"]])
    else:
        emit("DescribeApplications", unsupported="DescribeApplications")
    # the tagging API on the same port
    tagging = client("resourcegroupstaggingapi")
    run("GetResources", lambda: tagging.get_resources(ResourceTypeFilters=["workspaces:workspaceipgroup"]),
        lambda out: [[m["ResourceARN"].split(":")[5].split("/")[0], m["Tags"]] for m in out["ResourceTagMappingList"]])
    arn = f"arn:aws:workspaces:us-east-1:111111111111:workspaceipgroup/{group_id}"
    run("TagResources", lambda: tagging.tag_resources(ResourceARNList=[arn], Tags={"env": "prod"}), lambda out: out["FailedResourcesMap"])
    # accounts by access key, Regions by credential scope
    run("GetCallerIdentity A", lambda: client("sts").get_caller_identity(), lambda out: out["Account"])
    run("GetCallerIdentity B", lambda: client("sts", key="AKIAACCOUNTB").get_caller_identity(), lambda out: out["Account"])
    run("DescribeWorkspaceDirectories as B", lambda: client("workspaces", key="AKIAACCOUNTB").describe_workspace_directories(), lambda out: out["Directories"])
    run("DescribeWorkspaces other Region", lambda: client("workspaces", region="eu-central-1").describe_workspaces())


main()
