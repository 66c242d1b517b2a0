using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CodeCatalyst.Emulator.Protocol;

/// <summary>JSON settings for everything the emulator sends or reads on the wire.</summary>
internal static class WireJson
{
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions());

    /// <summary>Applies the wire settings to an options instance (also used for ASP.NET Core's own JSON results).</summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.PropertyNameCaseInsensitive = false;
        // Absent optional members are left out, as the service does, rather than sent as null.
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        // Messages quote values with ' and <>; escaping them as \u0027 is valid but hard to read in logs.
        options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        options.Converters.Add(new Iso8601TimestampConverter());
        return options;
    }

    /// <summary>
    /// The model marks timestamps <c>iso8601</c>: a UTC date-time with millisecond precision and a Z suffix.
    /// </summary>
    private sealed class Iso8601TimestampConverter : JsonConverter<DateTimeOffset>
    {
        private const string Format = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture));
    }
}
