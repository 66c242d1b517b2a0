namespace CodeCatalyst.Models
{
    // What the generated workflow types (Wire/Generated/Models.g.cs) do not know by themselves. The model has two
    // shapes for a workflow's definition (GetWorkflow's and ListWorkflows'); both show as their path.

    public sealed partial class WorkflowDefinition
    {
        public override string ToString() => Path;
    }

    public sealed partial class WorkflowDefinitionSummary
    {
        public override string ToString() => Path;
    }
}
