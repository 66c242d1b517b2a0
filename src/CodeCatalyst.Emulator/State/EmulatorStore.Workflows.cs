namespace CodeCatalyst.Emulator.State;

internal sealed partial class EmulatorStore
{
    public WorkflowState GetWorkflow(string spaceName, string projectName, string workflowId)
    {
        lock (gate)
        {
            return FindWorkflow(FindProject(spaceName, projectName), workflowId);
        }
    }

    /// <summary>The project's workflows ordered by name, then id (names are not guaranteed unique).</summary>
    public IReadOnlyList<WorkflowState> ListWorkflows(string spaceName, string projectName)
    {
        lock (gate)
        {
            return FindProject(spaceName, projectName).Workflows.Values
                .OrderBy(workflow => workflow.Name, StringComparer.Ordinal)
                .ThenBy(workflow => workflow.Id, StringComparer.Ordinal)
                .ToList();
        }
    }
}
