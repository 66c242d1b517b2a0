using System.Text.Json;
using System.Text.Json.Serialization;

namespace CodeCatalyst.Emulator.Wire;

/// <summary>
/// Timestamps as rest-json sends them when the model gives no format (Amplify's): seconds since 1970, with the
/// milliseconds as a fraction. Read leniently: a number, or an ISO 8601 string.
/// </summary>
internal sealed class EpochSecondsJsonConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Number
            ? DateTimeOffset.UnixEpoch.AddMilliseconds(Math.Round(reader.GetDouble() * 1000))
            : reader.GetDateTimeOffset();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteNumberValue(Math.Round((value - DateTimeOffset.UnixEpoch).TotalMilliseconds) / 1000.0);
}
