namespace CodeCatalyst.Emulator.Data;

// The data file format (what --data loads, and what sample-data.json holds):
//
// {
//   "spaces": [
//     {
//       "name": "ExampleCorp",
//       "projects": [
//         {
//           "name": "MyDemoProject",
//           "sourceRepositories": [ { "name": "MyDemoRepo" } ],
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
//           ]
//         }
//       ]
//     }
//   ]
// }
//
// Both durations are divided by the emulator's run speed.

/// <summary>The root of a data file.</summary>
internal sealed class EmulatorDataSet
{
    public List<SpaceData> Spaces { get; set; } = [];
}

internal sealed class SpaceData
{
    public string? Name { get; set; }

    public List<ProjectData> Projects { get; set; } = [];
}

internal sealed class ProjectData
{
    public string? Name { get; set; }

    public List<SourceRepositoryData> SourceRepositories { get; set; } = [];

    public List<WorkflowData> Workflows { get; set; } = [];
}

internal sealed class SourceRepositoryData
{
    public string? Name { get; set; }
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
