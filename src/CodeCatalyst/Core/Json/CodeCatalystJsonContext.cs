using System.Text.Json.Serialization;
using CodeCatalyst.Models;

namespace CodeCatalyst.Core.Json
{
    /// <summary>
    /// Source-generated serialization: no reflection at run time, and nothing built until the first call.
    /// Unknown members are ignored (System.Text.Json's default), so new service fields never break a script.
    /// </summary>
    [JsonSourceGenerationOptions(
        PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = new[] { typeof(UtcDateTimeConverter) })]
    [JsonSerializable(typeof(Workflow))]
    [JsonSerializable(typeof(WorkflowRun))]
    [JsonSerializable(typeof(WorkflowRunStartResult))]
    [JsonSerializable(typeof(ListWorkflowsResponse))]
    [JsonSerializable(typeof(ListWorkflowRunsResponse))]
    [JsonSerializable(typeof(StartWorkflowRunRequestBody))]
    [JsonSerializable(typeof(VerifySessionResponse))]
    [JsonSerializable(typeof(ServiceErrorBody))]
    internal sealed partial class CodeCatalystJsonContext : JsonSerializerContext
    {
    }
}
