using System;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CodeCatalyst.Core.Json
{
    /// <summary>
    /// Reads service timestamps as UTC <see cref="DateTime"/> values. The model says ISO 8601, but epoch seconds
    /// are accepted too, and an offset is converted rather than turned into local time.
    /// </summary>
    internal sealed class UtcDateTimeConverter : JsonConverter<DateTime>
    {
        private static readonly DateTime Epoch = new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Number)
            {
                return Epoch.AddTicks((long)(reader.GetDouble() * TimeSpan.TicksPerSecond));
            }

            // The service's own form ("2026-01-15T09:30:00.000Z"): the reader's ISO 8601 parser, several times
            // faster than the general one and without a string. Anything else takes the lenient path below.
            if (reader.TryGetDateTime(out var iso) && iso.Kind == DateTimeKind.Utc) return iso;

            var text = reader.GetString();
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
            {
                return parsed.UtcDateTime;
            }

            throw new JsonException($"'{text}' is not a timestamp.");
        }

        public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
    }
}
