using System.IO.Compression;
using System.Text.Json.Nodes;

namespace CodeCatalyst.WireGen;

/// <summary>Reads botocore's service-2.json and paginators-1.json and keeps only the wire facts.</summary>
public static class ModelDistiller
{
    private static readonly HashSet<string> KnownShapeKeys =
    [
        "type", "members", "member", "required", "min", "max", "pattern", "enum", "sensitive", "timestampFormat",
        "box", "error", "exception", "fault", "retryable", "documentation", "key", "value",
    ];

    private static readonly HashSet<string> KnownMemberKeys =
        ["shape", "location", "locationName", "idempotencyToken", "documentation"];

    public static ServiceSpec Distill(string serviceJson, string paginatorsJson)
    {
        var model = JsonNode.Parse(serviceJson)!.AsObject();
        var paginators = JsonNode.Parse(paginatorsJson)!["pagination"]?.AsObject() ?? new JsonObject();
        var metadata = model["metadata"]!;
        var shapes = model["shapes"]!.AsObject();
        var spec = new ServiceSpec
        {
            Service = (string)metadata["endpointPrefix"]!,
            ApiVersion = (string)metadata["apiVersion"]!,
            Protocol = (string)metadata["protocol"]!,
        };

        var reachable = new SortedSet<string>(StringComparer.Ordinal);
        var errorShapes = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (name, node) in model["operations"]!.AsObject().OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            var http = node!["http"]!;
            var operation = new OperationSpec
            {
                Name = name,
                Method = (string)http["method"]!,
                Uri = (string)http["requestUri"]!,
                SuccessCode = (int?)http["responseCode"] ?? 200,
                Input = (string?)node["input"]?["shape"],
                Output = (string?)node["output"]?["shape"],
                Idempotent = (bool?)node["idempotent"] ?? false,
            };
            if (paginators[name] is JsonObject paginator)
            {
                operation.Paginator = new PaginatorSpec
                {
                    InputToken = (string)paginator["input_token"]!,
                    OutputToken = (string)paginator["output_token"]!,
                    LimitKey = (string?)paginator["limit_key"],
                    ResultKey = (string)paginator["result_key"]!,
                };
            }

            spec.Operations.Add(operation);
            if (operation.Input != null) Collect(shapes, operation.Input, reachable);
            if (operation.Output != null) Collect(shapes, operation.Output, reachable);
            foreach (var error in node["errors"]?.AsArray() ?? [])
            {
                errorShapes.Add((string)error!["shape"]!);
            }
        }

        foreach (var errorShape in errorShapes)
        {
            var shape = shapes[errorShape]!;
            spec.Errors.Add(new ErrorSpec
            {
                Shape = errorShape,
                HttpStatus = (int?)shape["error"]?["httpStatusCode"] ?? 400,
                Throttling = (bool?)shape["retryable"]?["throttling"] ?? false,
            });
        }

        foreach (var name in reachable)
        {
            spec.Shapes[name] = DistillShape(name, shapes[name]!.AsObject());
        }

        return spec;
    }

    /// <summary>Reads a model file whether it is gzipped (as botocore installs it) or not.</summary>
    public static string ReadModelFile(string path)
    {
        using var file = File.OpenRead(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static void Collect(JsonObject shapes, string name, SortedSet<string> reachable)
    {
        if (!reachable.Add(name)) return;
        var shape = shapes[name] ?? throw new InvalidDataException($"The model names a shape '{name}' it does not define.");
        if (shape["member"]?["shape"] is JsonNode element) Collect(shapes, (string)element!, reachable);
        if (shape["key"]?["shape"] is JsonNode key) Collect(shapes, (string)key!, reachable);
        if (shape["value"]?["shape"] is JsonNode value) Collect(shapes, (string)value!, reachable);
        foreach (var (_, member) in shape["members"]?.AsObject() ?? [])
        {
            Collect(shapes, (string)member!["shape"]!, reachable);
        }
    }

    private static ShapeSpec DistillShape(string name, JsonObject shape)
    {
        foreach (var (key, _) in shape)
        {
            // A trait the generators do not know would be silently lost: stop and make someone look.
            if (!KnownShapeKeys.Contains(key)) throw new InvalidDataException($"Shape '{name}' has the unknown trait '{key}'.");
        }

        var spec = new ShapeSpec
        {
            Type = (string)shape["type"]!,
            Min = ReadLong(shape["min"]),
            Max = ReadLong(shape["max"]),
            Pattern = (string?)shape["pattern"],
            Enum = shape["enum"]?.AsArray().Select(value => (string)value!).ToList(),
            Sensitive = (bool?)shape["sensitive"] ?? false,
            TimestampFormat = (string?)shape["timestampFormat"],
            Member = (string?)shape["member"]?["shape"],
            Key = (string?)shape["key"]?["shape"],
            Value = (string?)shape["value"]?["shape"],
            Required = shape["required"]?.AsArray().Select(value => (string)value!).ToList(),
        };

        if (shape["members"] is JsonObject members)
        {
            spec.Members = [];
            foreach (var (memberName, memberNode) in members)
            {
                foreach (var (key, _) in memberNode!.AsObject())
                {
                    if (!KnownMemberKeys.Contains(key))
                    {
                        throw new InvalidDataException($"Member '{name}.{memberName}' has the unknown trait '{key}'.");
                    }
                }

                var location = (string?)memberNode["location"];
                if (location is not (null or "uri" or "querystring"))
                {
                    throw new InvalidDataException($"Member '{name}.{memberName}' travels in '{location}', which the generators do not handle.");
                }

                var locationName = (string?)memberNode["locationName"];
                spec.Members.Add(new MemberSpec
                {
                    Name = memberName,
                    Shape = (string)memberNode["shape"]!,
                    Location = location,
                    LocationName = locationName == memberName ? null : locationName,
                    IdempotencyToken = (bool?)memberNode["idempotencyToken"] ?? false,
                });
            }
        }

        return spec;
    }

    private static long? ReadLong(JsonNode? node) => node is null ? null : (long)node.GetValue<double>();
}
