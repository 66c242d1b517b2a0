namespace CodeCatalyst.Emulator.Data;

// The data file format (what --data loads, and what sample-data.json holds). Every member but names and ids is
// optional; member names follow the API's where the API has the same thing.
//
// {
//   "users": [                                  // optional; the first is the signed-in user every call acts as
//     { "id": "<id>", "userName": "MaryMajor", "displayName": "Mary Major",
//       "email": "mary@example.com", "emailVerified": true }
//   ],
//   "spaces": [
//     {
//       "name": "ExampleCorp",
//       "regionName": "us-west-2",               // default us-west-2
//       "displayName": "Example Corp",
//       "description": "...",
//       "subscription": { "subscriptionType": "STANDARD", "awsAccountName": "ExampleCorpBilling",
//                         "pendingSubscriptionType": "FREE", "pendingSubscriptionStartTime": "2027-01-01T00:00:00Z" },
//       "projects": [
//         {
//           "name": "MyDemoProject",
//           "id": "<uuid>",                      // optional, default derived from the names
//           "displayName": "...", "description": "...",
//           "sourceRepositories": [
//             {
//               "name": "MyDemoRepo",
//               "id": "<uuid>",                  // optional, default derived from the names
//               "description": "...",
//               "createdTime": "2026-01-05T09:00:00.000Z",    // optional, default: start of the emulator
//               "branches": [ { "name": "main", "headCommitId": "<40 hex>" } ]  // default: main; commit ids derived
//             }
//           ],
//           "workflows": [
//             {
//               "id": "<uuid>",                      // required, fixed so scripts and tests can name it
//               "name": "build",                     // required
//               "sourceRepositoryName": "MyDemoRepo", // optional
//               "sourceBranchName": "main",          // optional
//               "definitionPath": "...",             // optional, default .codecatalyst/workflows/<name>.yaml
//               "runMode": "QUEUED",                 // QUEUED (default) | PARALLEL | SUPERSEDED
//               "status": "ACTIVE",                  // ACTIVE (default) | INVALID
//               "createdTime": "2026-01-05T09:00:00.000Z",     // optional, default: start of the emulator
//               "lastUpdatedTime": "2026-01-05T09:00:00.000Z", // optional, default: createdTime
//               "provisioningSeconds": 0.5,          // optional, time a run spends PROVISIONING
//               "runDurationSeconds": 1.5,           // optional, time a run spends IN_PROGRESS
//               "outcome": "SUCCEEDED"               // SUCCEEDED (default) | FAILED
//             }
//           ],
//           "devEnvironments": [
//             {
//               "id": "<uuid>",                      // required
//               "alias": "...",
//               "status": "RUNNING",                 // RUNNING (default) | STOPPED
//               "instanceType": "dev.standard1.small",          // default dev.standard1.small
//               "inactivityTimeoutMinutes": 15,      // default 15
//               "persistentStorage": { "sizeInGiB": 16 },       // 16 (default) | 32 | 64
//               "ides": [ { "name": "VSCode", "runtime": "..." } ], // default VSCode
//               "repositories": [ { "repositoryName": "MyDemoRepo", "branchName": "main" } ],
//               "vpcConnectionName": "...",
//               "createdTime": "2026-01-05T09:00:00.000Z"       // optional, default: start of the emulator
//             }
//           ]
//         }
//       ]
//     }
//   ],
//   "amplify": {                                 // optional: AWS Amplify apps (served on the SigV4 routes)
//     "apps": [
//       {
//         "appId": "d2abc",                      // required, pattern d[a-z0-9]+
//         "name": "corp-site",                   // required
//         "description": "...",
//         "repository": "https://github.com/...", // optional; none means a manually deployed app
//         "platform": "WEB",                     // WEB (default) | WEB_DYNAMIC | WEB_COMPUTE
//         "jobOutcome": "SUCCEED",               // SUCCEED (default) | FAILED: where this app's jobs end
//         "createTime": "2026-01-05T09:00:00.000Z", // optional, default: start of the emulator
//         "branches": [
//           {
//             "branchName": "main",              // required
//             "stage": "PRODUCTION",             // optional, default DEVELOPMENT (the model's Stage values)
//             "description": "...",
//             "jobOutcome": "FAILED",            // optional, overrides the app's
//             "finishedJobs": 2                  // optional: jobs that ended before the emulator started
//           }
//         ]
//       }
//     ]
//   }
// }
//
// Both workflow durations are divided by the emulator's run speed.

/// <summary>The root of a data file.</summary>
internal sealed class EmulatorDataSet
{
    public List<UserData> Users { get; set; } = [];

    public List<SpaceData> Spaces { get; set; } = [];

    public AmplifyData? Amplify { get; set; }
}

internal sealed class UserData
{
    public string? Id { get; set; }

    public string? UserName { get; set; }

    public string? DisplayName { get; set; }

    public string? Email { get; set; }

    public bool? EmailVerified { get; set; }
}

internal sealed class SpaceData
{
    public string? Name { get; set; }

    public string? RegionName { get; set; }

    public string? DisplayName { get; set; }

    public string? Description { get; set; }

    public SubscriptionData? Subscription { get; set; }

    public List<ProjectData> Projects { get; set; } = [];
}

internal sealed class SubscriptionData
{
    public string? SubscriptionType { get; set; }

    public string? AwsAccountName { get; set; }

    public string? PendingSubscriptionType { get; set; }

    public DateTimeOffset? PendingSubscriptionStartTime { get; set; }
}

internal sealed class ProjectData
{
    public string? Name { get; set; }

    public string? Id { get; set; }

    public string? DisplayName { get; set; }

    public string? Description { get; set; }

    public List<SourceRepositoryData> SourceRepositories { get; set; } = [];

    public List<WorkflowData> Workflows { get; set; } = [];

    public List<DevEnvironmentData> DevEnvironments { get; set; } = [];
}

internal sealed class SourceRepositoryData
{
    public string? Name { get; set; }

    public string? Id { get; set; }

    public string? Description { get; set; }

    public DateTimeOffset? CreatedTime { get; set; }

    /// <summary>Null means the one branch a new repository has, main.</summary>
    public List<BranchData>? Branches { get; set; }
}

internal sealed class BranchData
{
    public string? Name { get; set; }

    public string? HeadCommitId { get; set; }
}

internal sealed class DevEnvironmentData
{
    public string? Id { get; set; }

    public string? Alias { get; set; }

    public string? Status { get; set; }

    public string? InstanceType { get; set; }

    public int? InactivityTimeoutMinutes { get; set; }

    public PersistentStorageData? PersistentStorage { get; set; }

    public List<IdeData>? Ides { get; set; }

    public List<DevEnvironmentRepositoryData> Repositories { get; set; } = [];

    public string? VpcConnectionName { get; set; }

    public DateTimeOffset? CreatedTime { get; set; }
}

internal sealed class PersistentStorageData
{
    public int? SizeInGiB { get; set; }
}

internal sealed class IdeData
{
    public string? Name { get; set; }

    public string? Runtime { get; set; }
}

internal sealed class DevEnvironmentRepositoryData
{
    public string? RepositoryName { get; set; }

    public string? BranchName { get; set; }
}

internal sealed class WorkflowData
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public string? SourceRepositoryName { get; set; }

    public string? SourceBranchName { get; set; }

    public string? DefinitionPath { get; set; }

    public string? RunMode { get; set; }

    public string? Status { get; set; }

    public DateTimeOffset? CreatedTime { get; set; }

    public DateTimeOffset? LastUpdatedTime { get; set; }

    public double? ProvisioningSeconds { get; set; }

    public double? RunDurationSeconds { get; set; }

    public string? Outcome { get; set; }
}

internal sealed class AmplifyData
{
    public List<AmplifyAppData> Apps { get; set; } = [];
}

internal sealed class AmplifyAppData
{
    public string? AppId { get; set; }

    public string? Name { get; set; }

    public string? Description { get; set; }

    public string? Repository { get; set; }

    public string? Platform { get; set; }

    public string? JobOutcome { get; set; }

    public DateTimeOffset? CreateTime { get; set; }

    public List<AmplifyBranchData> Branches { get; set; } = [];
}

internal sealed class AmplifyBranchData
{
    public string? BranchName { get; set; }

    public string? Stage { get; set; }

    public string? Description { get; set; }

    public string? JobOutcome { get; set; }

    public int? FinishedJobs { get; set; }
}
