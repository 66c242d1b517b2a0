using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CodeCatalyst.WireGen;

/// <summary>
/// The wire facts of one service, distilled from its official model: what the generators need and nothing else
/// (no documentation text), in a stable order so a regenerated spec only differs when the model does.
/// </summary>
public sealed class ServiceSpec
{
    public string Service { get; set; } = "";
    public string ApiVersion { get; set; } = "";
    public string Protocol { get; set; } = "";
    public List<OperationSpec> Operations { get; set; } = [];
    public List<ErrorSpec> Errors { get; set; } = [];
    public SortedDictionary<string, ShapeSpec> Shapes { get; set; } = new(StringComparer.Ordinal);

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions).Replace("\r\n", "\n") + "\n";

    public static ServiceSpec FromJson(string json) =>
        JsonSerializer.Deserialize<ServiceSpec>(json, JsonOptions) ?? throw new InvalidDataException("The spec is empty.");

    public ShapeSpec Shape(string name) =>
        Shapes.TryGetValue(name, out var shape) ? shape : throw new InvalidDataException($"The spec has no shape '{name}'.");

    public OperationSpec Operation(string name) =>
        Operations.FirstOrDefault(operation => operation.Name == name)
        ?? throw new InvalidDataException($"The spec has no operation '{name}'.");
}

public sealed class OperationSpec
{
    public string Name { get; set; } = "";
    public string Method { get; set; } = "";
    public string Uri { get; set; } = "";
    public int SuccessCode { get; set; }
    public string? Input { get; set; }
    public string? Output { get; set; }

    /// <summary>The model says a retry of this operation has no further effect.</summary>
    public bool Idempotent { get; set; }

    public PaginatorSpec? Paginator { get; set; }
}

public sealed class PaginatorSpec
{
    public string InputToken { get; set; } = "";
    public string OutputToken { get; set; } = "";
    public string? LimitKey { get; set; }
    public string ResultKey { get; set; } = "";
}

public sealed class ErrorSpec
{
    public string Shape { get; set; } = "";
    public int HttpStatus { get; set; }
    public bool Throttling { get; set; }
}

public sealed class ShapeSpec
{
    /// <summary>structure, list, map, string, integer, long, boolean, timestamp, double, float, blob.</summary>
    public string Type { get; set; } = "";

    /// <summary>Length for strings, count for lists, value for numbers.</summary>
    public long? Min { get; set; }
    public long? Max { get; set; }
    public string? Pattern { get; set; }
    public List<string>? Enum { get; set; }
    public bool Sensitive { get; set; }
    public string? TimestampFormat { get; set; }

    /// <summary>The element shape of a list.</summary>
    public string? Member { get; set; }

    /// <summary>The key and value shapes of a map (a JSON object whose member names are the keys).</summary>
    public string? Key { get; set; }
    public string? Value { get; set; }

    public List<string>? Required { get; set; }
    public List<MemberSpec>? Members { get; set; }

    public bool IsRequired(string member) => Required?.Contains(member) == true;
}

public sealed class MemberSpec
{
    public string Name { get; set; } = "";
    public string Shape { get; set; } = "";

    /// <summary>uri or querystring; absent for a member of the JSON body.</summary>
    public string? Location { get; set; }

    /// <summary>The name in the URI template or query string, when it differs from the member name.</summary>
    public string? LocationName { get; set; }

    public bool IdempotencyToken { get; set; }

    public string WireName => LocationName ?? Name;
}
