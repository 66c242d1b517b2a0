using System.Text.Json.Serialization;

namespace CodeCatalyst.Core.Json
{
    /// <summary>
    /// Source-generated serialization of the error body (answers are in the generated WireJsonContext): no reflection at
    /// run time, and nothing built until the first call.
    /// Unknown members are ignored (System.Text.Json's default), so new service fields never break a script.
    /// </summary>
    [JsonSourceGenerationOptions(
        PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = new[] { typeof(ServiceTimestampConverter) })]
    [JsonSerializable(typeof(ServiceErrorBody))]
    internal sealed partial class CodeCatalystJsonContext : JsonSerializerContext
    {
    }
}
