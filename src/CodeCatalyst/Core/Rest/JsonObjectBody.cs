using System;
using System.IO;
using System.Text.Json;

namespace CodeCatalyst.Core.Rest
{
    /// <summary>Reads and sets one top-level member of a JSON request body (nextToken, clientToken).</summary>
    internal static class JsonObjectBody
    {
        public static bool IsObject(byte[]? body)
        {
            if (body == null) return false;
            using (var document = JsonDocument.Parse(body))
            {
                return document.RootElement.ValueKind == JsonValueKind.Object;
            }
        }

        public static bool Has(byte[]? body, string name)
        {
            if (body == null) return false;
            using (var document = JsonDocument.Parse(body))
            {
                var root = document.RootElement;
                return root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out _);
            }
        }

        /// <summary>
        /// A copy of the body (an object, or none: then {}) with the member set to the value: every other member
        /// is kept as it was, in its order, and the member comes last.
        /// </summary>
        public static byte[] With(byte[]? body, string name, string value)
        {
            using (var output = new MemoryStream())
            {
                using (var writer = new Utf8JsonWriter(output))
                {
                    writer.WriteStartObject();
                    if (body != null)
                    {
                        using (var document = JsonDocument.Parse(body))
                        {
                            if (document.RootElement.ValueKind != JsonValueKind.Object)
                            {
                                throw new InvalidOperationException("Only a JSON object body can take a member.");
                            }

                            foreach (var member in document.RootElement.EnumerateObject())
                            {
                                if (!string.Equals(member.Name, name, StringComparison.Ordinal)) member.WriteTo(writer);
                            }
                        }
                    }

                    writer.WriteString(name, value);
                    writer.WriteEndObject();
                }

                return output.ToArray();
            }
        }
    }
}
