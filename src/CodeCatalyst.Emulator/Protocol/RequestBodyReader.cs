using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace CodeCatalyst.Emulator.Protocol;

/// <summary>Reads optional JSON request bodies, reporting malformed JSON the way the API reports bad input.</summary>
internal static class RequestBodyReader
{
    /// <summary>Returns a default instance for an empty body; clients may omit the body when no member is set.</summary>
    public static async Task<T> ReadAsync<T>(HttpRequest request, Func<string, ApiException> invalidBody)
        where T : new()
    {
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        if (string.IsNullOrWhiteSpace(text))
        {
            return new T();
        }

        try
        {
            return JsonSerializer.Deserialize<T>(text, WireJson.Options) ?? new T();
        }
        catch (JsonException exception)
        {
            throw invalidBody($"The request body is not valid JSON for this operation: {exception.Message}");
        }
    }

    public static Task<T> ReadAsync<T>(HttpRequest request)
        where T : new() => ReadAsync<T>(request, ApiException.Validation);
}
