using System.Text.Json;

namespace CodeCatalyst.Emulator.Contracts;

// Wire shapes of the workflow run operations, member for member as in the model.

internal sealed class StartWorkflowRunRequestBody
{
    public string? ClientToken { get; set; }
}

internal sealed class ListWorkflowRunsRequestBody
{
    public List<JsonElement>? SortBy { get; set; }
}

internal sealed record StartWorkflowRunResponse(string SpaceName, string ProjectName, string Id, string WorkflowId);

/// <summary>The model defines <c>WorkflowRunStatusReason</c> as a structure without members; it is sent as <c>{}</c>.</summary>
internal sealed record WorkflowRunStatusReason;

internal sealed record GetWorkflowRunResponse(
    string SpaceName,
    string ProjectName,
    string Id,
    string WorkflowId,
    string Status,
    IReadOnlyList<WorkflowRunStatusReason>? StatusReasons,
    DateTimeOffset StartTime,
    DateTimeOffset? EndTime,
    DateTimeOffset LastUpdatedTime);

internal sealed record WorkflowRunSummary(
    string Id,
    string WorkflowId,
    string WorkflowName,
    string Status,
    IReadOnlyList<WorkflowRunStatusReason>? StatusReasons,
    DateTimeOffset StartTime,
    DateTimeOffset? EndTime,
    DateTimeOffset LastUpdatedTime);

internal sealed record ListWorkflowRunsResponse(string? NextToken, IReadOnlyList<WorkflowRunSummary> Items);
