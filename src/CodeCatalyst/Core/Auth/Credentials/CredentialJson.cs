using System;
using System.Globalization;
using System.Text.Json;
using CodeCatalyst.Core.Auth.Signing;

namespace CodeCatalyst.Core.Auth.Credentials
{
    /// <summary>Reading the credential documents of processes, containers and instance metadata, without echoing them.</summary>
    internal static class CredentialJson
    {
        /// <summary>An ISO 8601 time as botocore's dateutil parses them (a zone-less time counts as UTC here).</summary>
        public static bool TryParseTime(string? text, out DateTimeOffset value)
        {
            value = default;
            return !string.IsNullOrWhiteSpace(text)
                && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out value);
        }

        /// <summary>A JSON object's string member; null when absent, null or not a string.</summary>
        public static string? GetString(JsonElement element, string name) =>
            element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        public static bool Has(JsonElement element, string name) =>
            element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out JsonElement value) && value.ValueKind != JsonValueKind.Null;

        /// <summary>Parses a document; null when it is not JSON (the text is never put in a message).</summary>
        public static JsonDocument? TryParse(byte[] body)
        {
            try
            {
                return JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 16 });
            }
            catch (JsonException)
            {
                return null;
            }
        }

        /// <summary>Builds credentials, turning a malformed value into a message that names the source, never the value.</summary>
        public static AwsCredentials Create(string accessKeyId, string secretAccessKey, string? sessionToken, DateTimeOffset? expiration, string source)
        {
            try
            {
                return new AwsCredentials(accessKeyId, secretAccessKey, sessionToken, expiration);
            }
            catch (ArgumentException ex)
            {
                throw new AwsCredentialException(AwsCredentialErrorKind.SourceFailed, $"The credentials from {source} are not usable: {ex.Message.Split('\n')[0].Split(new[] { " (Parameter" }, StringSplitOptions.None)[0]}", source);
            }
        }
    }
}
