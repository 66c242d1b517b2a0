namespace CodeCatalyst.Emulator;

/// <summary>Names and ids in the built-in data set (sample-data.json), for tests and scripts to refer to.</summary>
public static class SampleData
{
    public const string SpaceName = "ExampleCorp";
    public const string ProjectName = "MyDemoProject";
    public const string SourceRepositoryName = "MyDemoRepo";
    public const string SourceBranchName = "main";

    /// <summary>The second branch of <see cref="SourceRepositoryName"/>.</summary>
    public const string FeatureBranchName = "feature/login";

    /// <summary>A second repository of <see cref="ProjectName"/>, with only main.</summary>
    public const string DocsRepositoryName = "MyDemoDocs";

    /// <summary>A second project of <see cref="SpaceName"/>, with the repository <see cref="PipelineRepositoryName"/>.</summary>
    public const string PipelineProjectName = "DataPipeline";
    public const string PipelineRepositoryName = "pipeline-jobs";

    /// <summary>A second space (eu-west-1, FREE subscription) with the project <see cref="SandboxProjectName"/>.</summary>
    public const string SecondSpaceName = "AnyCompany";
    public const string SandboxProjectName = "Sandbox";

    /// <summary>The dev environment of <see cref="ProjectName"/>: alias demo-dev, RUNNING, cloning MyDemoRepo main.</summary>
    public const string DevEnvironmentId = "0e6a1f2b-8c3d-4e5f-9a7b-1c2d3e4f5a66";
    public const string DevEnvironmentAlias = "demo-dev";

    /// <summary>The signed-in user every call acts as.</summary>
    public const string SignedInUserId = "6f1d2c3b-4a5e-4f60-8b7c-9d0e1f2a3b44";
    public const string SignedInUserName = "MaryMajor";

    /// <summary>Another user GetUserDetails knows.</summary>
    public const string OtherUserId = "8a2b3c4d-5e6f-4a7b-9c8d-0e1f2a3b4c55";
    public const string OtherUserName = "JaneDoe";

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

    /// <summary>AWS Amplify app <c>corp-site</c>: manually deployed (no repository); branches main (PRODUCTION) and dev.</summary>
    public const string AmplifyManualAppId = "d2abc";

    /// <summary>AWS Amplify app <c>docs-portal</c>: connected to a repository; branches main (PRODUCTION) and dev.</summary>
    public const string AmplifyRepositoryAppId = "d3docs4portal";

    /// <summary>In both Amplify apps: jobs on main succeed; main has 3 finished jobs.</summary>
    public const string AmplifyMainBranch = "main";

    /// <summary>In both Amplify apps: marked to fail (its jobs end FAILED); 1 finished job.</summary>
    public const string AmplifyFailingBranch = "dev";

    // The test credentials the emulator's SigV4 routes accept by default (the example keys of the AWS documentation).
    public const string AwsAccessKeyId = "AKIAIOSFODNN7EXAMPLE";
    public const string AwsSecretAccessKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    public const string AwsTemporaryAccessKeyId = "ASIAIOSFODNN7EXAMPLE";
    public const string AwsTemporarySecretAccessKey = "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY";
    public const string AwsSessionToken = "IQoJb3JpZ2luX2VjEXAMPLESESSIONTOKEN";
}
