using System.Globalization;
using System.Text.Json;
using CodeCatalyst.Emulator.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;

namespace CodeCatalyst.Emulator.Wire;

/// <summary>
/// What the generated request readers share: reading a member of the expected JSON type, or failing with the
/// ValidationException the service answers a badly typed member with.
/// </summary>
internal static class WireJsonReader
{
    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();

    /// <summary>The body as a JSON object; an absent body counts as {} (clients omit it when no member is set).</summary>
    public static async Task<JsonElement> ReadBodyAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var text = await reader.ReadToEndAsync(context.RequestAborted);
        if (string.IsNullOrWhiteSpace(text)) return EmptyObject;
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement.Clone();
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw ApiException.Validation("The request body must be a JSON object.");
            }

            return root;
        }
        catch (JsonException exception)
        {
            throw ApiException.Validation($"The request body is not valid JSON for this operation: {exception.Message}");
        }
    }

    /// <summary>
    /// A member that travels in the path, decoded once, as the client meant it. Kestrel decodes the path except
    /// <c>%2F</c> (so an encoded slash never splits a route), which leaves route values half decoded: the branch
    /// <c>feature/login</c> arrives as <c>feature%2Flogin</c>, and a literal <c>%2F</c> (sent as <c>%252F</c>)
    /// looks the same. The raw request target still holds each segment as sent, so such a member is read from there.
    /// </summary>
    public static string? PathMember(HttpContext context, string name)
    {
        var routeValue = context.Request.RouteValues[name] as string;
        // Without a '%' the route value is already fully decoded and cannot be ambiguous.
        if (routeValue is null || !routeValue.Contains('%')) return routeValue;
        if (context.GetEndpoint() is not RouteEndpoint { RoutePattern: var pattern }) return routeValue;
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (rawTarget is null || !rawTarget.StartsWith('/')) return routeValue;
        var rawPath = rawTarget.Split('?', 2)[0];
        var rawSegments = rawPath[1..].Split('/');
        if (rawSegments.Length != pattern.PathSegments.Count) return routeValue;
        for (var index = 0; index < pattern.PathSegments.Count; index++)
        {
            var parts = pattern.PathSegments[index].Parts;
            if (parts is [RoutePatternParameterPart parameter] && parameter.Name == name)
            {
                return Uri.UnescapeDataString(rawSegments[index]);
            }
        }

        return routeValue;
    }

    public static string? Query(HttpContext context, string name)
    {
        var values = context.Request.Query[name];
        return values.Count == 0 ? null : values[0];
    }

    public static void ExpectObject(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object) throw WrongType(path, "an object");
    }

    public static string String(JsonElement element, string path) =>
        element.ValueKind == JsonValueKind.String ? element.GetString()! : throw WrongType(path, "a string");

    public static int? Integer(JsonElement element, string path) =>
        element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out var value) ? value : throw WrongType(path, "an integer");

    public static long? Long(JsonElement element, string path) =>
        element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out var value) ? value : throw WrongType(path, "an integer");

    public static bool? Boolean(JsonElement element, string path) =>
        element.ValueKind is JsonValueKind.True or JsonValueKind.False ? element.GetBoolean() : throw WrongType(path, "true or false");

    /// <summary>An iso8601 string (what the model's timestamp shapes say) or, leniently, epoch seconds.</summary>
    public static DateTimeOffset? Timestamp(JsonElement element, string path)
    {
        if (element.ValueKind == JsonValueKind.String) return TimestampText(element.GetString(), path);
        if (element.ValueKind == JsonValueKind.Number && element.TryGetDouble(out var seconds))
        {
            return DateTimeOffset.UnixEpoch.AddMilliseconds(Math.Round(seconds * 1000));
        }

        throw WrongType(path, "a timestamp");
    }

    public static IReadOnlyList<T>? List<T>(JsonElement element, string path, Func<JsonElement, string, T> readItem)
    {
        if (element.ValueKind != JsonValueKind.Array) throw WrongType(path, "a list");
        var items = new List<T>();
        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            var itemPath = $"{path}[{index++}]";
            if (item.ValueKind == JsonValueKind.Null) throw ApiException.Validation($"The member '{itemPath}' must not be null.");
            items.Add(readItem(item, itemPath));
        }

        return items;
    }

    /// <summary>A JSON object read as a map: each member's value read as the map's value shape.</summary>
    public static IReadOnlyDictionary<string, T>? Map<T>(JsonElement element, string path, Func<JsonElement, string, T> readValue)
    {
        if (element.ValueKind != JsonValueKind.Object) throw WrongType(path, "an object");
        var map = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var member in element.EnumerateObject())
        {
            var valuePath = $"{path}.{member.Name}";
            if (member.Value.ValueKind == JsonValueKind.Null) throw ApiException.Validation($"The member '{valuePath}' must not be null.");
            map[member.Name] = readValue(member.Value, valuePath);
        }

        return map;
    }

    public static void Required(object? value, string path)
    {
        if (value is null) throw ApiException.Validation($"The member '{path}' is required.");
    }

    public static void Count(int? count, string path, long? minimum, long? maximum)
    {
        if (count is not { } actual) return;
        if (minimum is { } min && actual < min) throw ApiException.Validation($"The member '{path}' must have at least {min} entries.");
        if (maximum is { } max && actual > max) throw ApiException.Validation($"The member '{path}' may have at most {max} entries.");
    }

    public static int? IntegerText(string? text, string path) =>
        text is null ? null
        : int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value
        : throw ApiException.Validation($"The value '{text}' of '{path}' is not valid: it must be an integer.");

    public static long? LongText(string? text, string path) =>
        text is null ? null
        : long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value
        : throw ApiException.Validation($"The value '{text}' of '{path}' is not valid: it must be an integer.");

    public static bool? BooleanText(string? text, string path) =>
        text is null ? null
        : bool.TryParse(text, out var value) ? value
        : throw ApiException.Validation($"The value '{text}' of '{path}' is not valid: it must be true or false.");

    public static DateTimeOffset? TimestampText(string? text, string path) =>
        text is null ? null
        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value) ? value
        : throw ApiException.Validation($"The value '{text}' of '{path}' is not a valid timestamp.");

    private static ApiException WrongType(string path, string expected) =>
        ApiException.Validation($"The member '{path}' must be {expected}.");
}
