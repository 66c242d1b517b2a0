using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using System.Text;
using System.Text.Json;
using CodeCatalyst.Wire;

namespace CodeCatalyst.Cmdlets.Rest
{
    /// <summary>
    /// Between PowerShell values and the JSON of the wire, for Invoke-CCRestMethod: hashtables and objects become
    /// request bodies and query values; answers become PSCustomObjects.
    /// </summary>
    internal static class PowerShellJson
    {
        /// <summary>Deeper than this is a loop in the input (an object that holds itself), not a request.</summary>
        private const int MaxBodyDepth = 32;

        /// <summary>
        /// The request body: a string is sent as it is once it parses as JSON; anything else (hashtable,
        /// PSCustomObject, any object) is converted the way ConvertTo-Json would, with timestamps in UTC.
        /// </summary>
        public static byte[] ToRequestBody(object body)
        {
            var value = Unwrap(body);
            if (value is string text)
            {
                try
                {
                    using (JsonDocument.Parse(text))
                    {
                    }
                }
                catch (JsonException exception)
                {
                    throw new CodeCatalystInputException("Body",
                        "-Body is a string that is not JSON (" + exception.Message + "). Give JSON text, or a hashtable or object " +
                        "for the module to convert.");
                }

                return new UTF8Encoding(false).GetBytes(text);
            }

            using (var output = new MemoryStream())
            {
                using (var writer = new Utf8JsonWriter(output))
                {
                    WriteValue(writer, value, 0);
                }

                return output.ToArray();
            }
        }

        /// <summary>Query parameters from a dictionary, in its order: a list repeats its name, $null leaves it out.</summary>
        public static IEnumerable<KeyValuePair<string, string>> ToQuery(IDictionary query)
        {
            foreach (DictionaryEntry entry in query)
            {
                var name = Convert.ToString(Unwrap(entry.Key), CultureInfo.InvariantCulture) ?? "";
                var value = Unwrap(entry.Value);
                if (value == null) continue;
                if (value is IEnumerable list && !(value is string))
                {
                    foreach (var item in list)
                    {
                        var unwrapped = Unwrap(item);
                        if (unwrapped != null) yield return new KeyValuePair<string, string>(name, QueryText(unwrapped));
                    }

                    continue;
                }

                yield return new KeyValuePair<string, string>(name, QueryText(value));
            }
        }

        /// <summary>
        /// A JSON value as PowerShell shows it: an object becomes a PSCustomObject, an array an object[], a number an
        /// Int32, Int64 or Double, and a string stays the string the service sent (timestamps included), with the
        /// token blanked out should the service echo it.
        /// </summary>
        public static object? ToPowerShell(JsonElement element, Func<string, string> redact, string operationName, string? requestId)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    var result = new PSObject();
                    foreach (var member in element.EnumerateObject())
                    {
                        // PowerShell property names ignore case: {"a":1,"A":2} cannot become one object without losing a value.
                        if (result.Properties[member.Name] != null)
                        {
                            throw new CodeCatalystInvalidResultException("InvalidResult", operationName, requestId,
                                $"an object holds the member '{redact(member.Name)}' twice (names differing only in case count as one)");
                        }

                        result.Properties.Add(new PSNoteProperty(member.Name, ToPowerShell(member.Value, redact, operationName, requestId)));
                    }

                    return result;
                case JsonValueKind.Array:
                    var items = new object?[element.GetArrayLength()];
                    var index = 0;
                    foreach (var item in element.EnumerateArray()) items[index++] = ToPowerShell(item, redact, operationName, requestId);
                    return items;
                case JsonValueKind.String:
                    return redact(element.GetString()!);
                case JsonValueKind.Number:
                    if (element.TryGetInt32(out var int32)) return int32;
                    if (element.TryGetInt64(out var int64)) return int64;
                    // A number beyond Double's range stays the text the service sent rather than become Infinity.
                    return element.TryGetDouble(out var real) && !double.IsInfinity(real) ? real : (object)element.GetRawText();
                case JsonValueKind.True:
                    return true;
                case JsonValueKind.False:
                    return false;
                default:
                    return null;
            }
        }

        private static object? Unwrap(object? value)
        {
            if (value is PSObject wrapped && !(wrapped.BaseObject is PSCustomObject)) value = wrapped.BaseObject;
            return value is DBNull || value == System.Management.Automation.Internal.AutomationNull.Value ? null : value;
        }

        private static string QueryText(object value)
        {
            switch (value)
            {
                case string text: return text;
                case bool flag: return flag ? "true" : "false";
                case SwitchParameter flag: return flag.IsPresent ? "true" : "false";
                case DateTime time: return WireFormat.Timestamp(time);
                case DateTimeOffset time: return WireFormat.Timestamp(time.UtcDateTime);
                case Enum named: return named.ToString();
                case IFormattable formattable: return formattable.ToString(null, CultureInfo.InvariantCulture);
                default: return value.ToString() ?? "";
            }
        }

        private static void WriteValue(Utf8JsonWriter writer, object? value, int depth)
        {
            value = Unwrap(value);
            if (depth > MaxBodyDepth)
            {
                throw new CodeCatalystInputException("Body",
                    $"-Body is nested more than {MaxBodyDepth} levels deep, which is likely an object that contains itself. " +
                    "Give a hashtable with the API's member names.");
            }

            switch (value)
            {
                case null: writer.WriteNullValue(); return;
                case string text: writer.WriteStringValue(text); return;
                case char character: writer.WriteStringValue(character.ToString()); return;
                case bool flag: writer.WriteBooleanValue(flag); return;
                case SwitchParameter flag: writer.WriteBooleanValue(flag.IsPresent); return;
                case int number: writer.WriteNumberValue(number); return;
                case long number: writer.WriteNumberValue(number); return;
                case short number: writer.WriteNumberValue(number); return;
                case byte number: writer.WriteNumberValue(number); return;
                case sbyte number: writer.WriteNumberValue(number); return;
                case uint number: writer.WriteNumberValue(number); return;
                case ulong number: writer.WriteNumberValue(number); return;
                case ushort number: writer.WriteNumberValue(number); return;
                case decimal number: writer.WriteNumberValue(number); return;
                case double number: WriteFinite(writer, number); return;
                case float number: WriteFinite(writer, number); return;
                case DateTime time: writer.WriteStringValue(WireFormat.Timestamp(time)); return;
                case DateTimeOffset time: writer.WriteStringValue(WireFormat.Timestamp(time.UtcDateTime)); return;
                case Guid id: writer.WriteStringValue(id.ToString()); return;
                case Enum named: writer.WriteStringValue(named.ToString()); return;
                case Uri address: writer.WriteStringValue(address.OriginalString); return;
                case System.Security.SecureString _:
                    throw new CodeCatalystInputException("Body",
                        "-Body holds a SecureString, which is never converted to text on its own. Convert the value yourself " +
                        "where it is meant to be sent.");
                case IDictionary dictionary:
                    writer.WriteStartObject();
                    foreach (DictionaryEntry entry in dictionary)
                    {
                        writer.WritePropertyName(Convert.ToString(Unwrap(entry.Key), CultureInfo.InvariantCulture) ?? "");
                        WriteValue(writer, entry.Value, depth + 1);
                    }

                    writer.WriteEndObject();
                    return;
                case IEnumerable list:
                    writer.WriteStartArray();
                    foreach (var item in list) WriteValue(writer, item, depth + 1);
                    writer.WriteEndArray();
                    return;
                default:
                    // A PSCustomObject or any other object: its properties, as ConvertTo-Json writes them.
                    writer.WriteStartObject();
                    foreach (var property in PSObject.AsPSObject(value).Properties)
                    {
                        if (!property.IsGettable) continue;
                        object? propertyValue;
                        try
                        {
                            propertyValue = property.Value;
                        }
                        catch (GetValueException)
                        {
                            continue; // a property whose getter throws has no value to send
                        }

                        writer.WritePropertyName(property.Name);
                        WriteValue(writer, propertyValue, depth + 1);
                    }

                    writer.WriteEndObject();
                    return;
            }
        }

        private static void WriteFinite(Utf8JsonWriter writer, double number)
        {
            if (double.IsNaN(number) || double.IsInfinity(number))
            {
                throw new CodeCatalystInputException("Body", $"-Body holds the number {number}, which JSON cannot carry.");
            }

            writer.WriteNumberValue(number);
        }
    }
}
