namespace CodeCatalyst.Emulator;

/// <summary>Names and ids in the built-in data set (sample-data.json), for tests and scripts to refer to.</summary>
public static class SampleData
{
    public const string SpaceName = "ExampleCorp";
    public const string ProjectName = "MyDemoProject";
    public const string SourceRepositoryName = "MyDemoRepo";
    public const string SourceBranchName = "main";

    /// <summary>Workflow <c>build</c>: QUEUED, succeeds.</summary>
    public const string BuildWorkflowId = "5f2d3c1a-0b6e-4e7a-9c41-2a7b8d9e0f11";
    public const string BuildWorkflowName = "build";

    /// <summary>Workflow <c>integration-tests</c>: QUEUED, fails (its runs end FAILED with status reasons).</summary>
    public const string FailingWorkflowId = "7a9c2e44-3d1b-4f0a-8e52-6c3d9b1a2f22";
    public const string FailingWorkflowName = "integration-tests";

    /// <summary>Workflow <c>deploy</c>: SUPERSEDED, succeeds.</summary>
    public const string DeployWorkflowId = "9b1e5f66-2c4d-4a8b-b173-8d4e0c2b3f33";
    public const string DeployWorkflowName = "deploy";

    /// <summary>Workflow <c>lint</c>: PARALLEL, succeeds.</summary>
    public const string LintWorkflowId = "c3d7a988-4e2f-4b9c-a294-0f5e1d3c4a44";
    public const string LintWorkflowName = "lint";
}
