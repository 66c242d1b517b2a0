using System.Text.Json;

namespace CodeCatalyst.Emulator.Contracts;

// Wire shapes of the workflow operations, member for member as in the model (camelCase on the wire).

internal sealed class ListWorkflowsRequestBody
{
    /// <summary><c>WorkflowSortCriteria</c> has no members, so only the count of entries can be checked.</summary>
    public List<JsonElement>? SortBy { get; set; }
}

internal sealed record WorkflowDefinition(string Path);

internal sealed record GetWorkflowResponse(
    string SpaceName,
    string ProjectName,
    string Id,
    string Name,
    string? SourceRepositoryName,
    string? SourceBranchName,
    WorkflowDefinition Definition,
    DateTimeOffset CreatedTime,
    DateTimeOffset LastUpdatedTime,
    string RunMode,
    string Status);

internal sealed record WorkflowSummary(
    string Id,
    string Name,
    string? SourceRepositoryName,
    string? SourceBranchName,
    WorkflowDefinition Definition,
    DateTimeOffset CreatedTime,
    DateTimeOffset LastUpdatedTime,
    string RunMode,
    string Status);

internal sealed record ListWorkflowsResponse(string? NextToken, IReadOnlyList<WorkflowSummary> Items);
