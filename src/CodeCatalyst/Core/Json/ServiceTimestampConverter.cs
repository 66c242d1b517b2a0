using System;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CodeCatalyst.Core.Json
{
    /// <summary>
    /// Reads service timestamps as local-time <see cref="DateTime"/> values (Kind Local), the way Get-Date and the
    /// file system cmdlets give times. PowerShell compares DateTimes by their clock reading and ignores the Kind, so
    /// only local values make <c>Where-Object ExpiresTime -lt (Get-Date)</c> right in every time zone.
    /// The model says ISO 8601; epoch seconds and offsets are read too, and always as the same instant.
    /// </summary>
    internal sealed class ServiceTimestampConverter : JsonConverter<DateTime>
    {
        private static readonly DateTime Epoch = new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            ReadUtc(ref reader).ToLocalTime();

        private static DateTime ReadUtc(ref Utf8JsonReader reader)
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
            writer.WriteStringValue(Wire.WireFormat.Timestamp(value));
    }
}
