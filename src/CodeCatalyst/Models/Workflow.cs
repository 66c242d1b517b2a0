using System;

namespace CodeCatalyst.Models
{
    /// <summary>The path of a workflow's YAML definition in its source repository.</summary>
    public sealed class WorkflowDefinition
    {
        public string Path { get; set; } = "";

        public override string ToString() => Path;
    }

    /// <summary>A workflow as ListWorkflows returns it, with the space and project it belongs to.</summary>
    public sealed class WorkflowSummary
    {
        public string SpaceName { get; set; } = "";
        public string ProjectName { get; set; } = "";
        public string Id { get; set; } = "";
        public string Name { get; set; } = "";
        public string? SourceRepositoryName { get; set; }
        public string? SourceBranchName { get; set; }
        public WorkflowDefinition? Definition { get; set; }
        public DateTime CreatedTime { get; set; }
        public DateTime LastUpdatedTime { get; set; }

        /// <summary>QUEUED, PARALLEL or SUPERSEDED; kept as a string so a new mode never breaks a script.</summary>
        public string RunMode { get; set; } = "";

        /// <summary>ACTIVE or INVALID (or a value added later by the service).</summary>
        public string Status { get; set; } = "";

        public override string ToString() => Id;
    }

    /// <summary>A workflow as GetWorkflow returns it.</summary>
    public sealed class Workflow
    {
        public string SpaceName { get; set; } = "";
        public string ProjectName { get; set; } = "";
        public string Id { get; set; } = "";
        public string Name { get; set; } = "";
        public string? SourceRepositoryName { get; set; }
        public string? SourceBranchName { get; set; }
        public WorkflowDefinition? Definition { get; set; }
        public DateTime CreatedTime { get; set; }
        public DateTime LastUpdatedTime { get; set; }
        public string RunMode { get; set; } = "";
        public string Status { get; set; } = "";

        public override string ToString() => Id;
    }
}
