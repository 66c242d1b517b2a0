using System.Text.Json.Serialization;

namespace CodeCatalyst.Core.Json
{
    // The error body, which the model describes per error shape but every error shares.

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
