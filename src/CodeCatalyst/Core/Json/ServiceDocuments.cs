using System.Collections.Generic;
using System.Text.Json.Serialization;
using CodeCatalyst.Models;

namespace CodeCatalyst.Core.Json
{
    // Wire shapes that are not output objects themselves: list envelopes, request bodies, error bodies.

    internal sealed class ListWorkflowsResponse
    {
        public string? NextToken { get; set; }
        public List<WorkflowSummary?>? Items { get; set; }
    }

    internal sealed class ListWorkflowRunsResponse
    {
        public string? NextToken { get; set; }
        public List<WorkflowRunSummary?>? Items { get; set; }
    }

    internal sealed class StartWorkflowRunRequestBody
    {
        public string? ClientToken { get; set; }
    }

    internal sealed class VerifySessionResponse
    {
        public string? Identity { get; set; }
    }

    /// <summary>rest-json error bodies say "message"; some services say "Message". Both are read.</summary>
    internal sealed class ServiceErrorBody
    {
        [JsonPropertyName("message")]
        public string? Message { get; set; }

        [JsonPropertyName("Message")]
        public string? MessageUpper { get; set; }

        [JsonPropertyName("__type")]
        public string? Type { get; set; }

        [JsonIgnore]
        public string? AnyMessage => Message ?? MessageUpper;
    }
}
