namespace CodeCatalyst.WireGen;

/// <summary>
/// Decides, from the spec and the operation table, which C# class each structure shape becomes: the public output
/// type the table names (several shapes may merge into one, e.g. ProjectSummary and GetProjectResponse into Project),
/// an internal result type, or a class named after the shape for nested structures.
/// </summary>
internal sealed class ShapeGraph
{
    public ShapeGraph(ServiceSpec spec, OperationTable table)
    {
        Spec = spec;
        Table = table;
        foreach (var row in table.Rows)
        {
            var operation = spec.Operation(row.Operation);
            var objectShape = ObjectShapeOf(operation);
            if (objectShape == null) continue;
            var className = row.OutputType ?? operation.Name + "Result";
            if (!OutputClasses.TryGetValue(className, out var sources))
            {
                OutputClasses[className] = sources = [];
            }

            sources.Add((objectShape, operation, row));
            if (ClassOfShape.TryGetValue(objectShape, out var existing) && existing != className)
            {
                throw new InvalidDataException($"Shape {objectShape} is mapped to both {existing} and {className}.");
            }

            ClassOfShape[objectShape] = className;
        }

        foreach (var (className, sources) in OutputClasses)
        {
            foreach (var (shapeName, _, _) in sources) CollectNested(shapeName, className);
        }

        foreach (var row in table.Rows)
        {
            var operation = spec.Operation(row.Operation);
            if (operation.Input != null) CollectNested(operation.Input, null);
        }
    }

    public ServiceSpec Spec { get; }
    public OperationTable Table { get; }

    /// <summary>Output class name → the shapes (and the operations they come from) merged into it, in table order.</summary>
    public SortedDictionary<string, List<(string Shape, OperationSpec Operation, OperationRow Row)>> OutputClasses { get; } =
        new(StringComparer.Ordinal);

    /// <summary>Nested structures (neither a request, nor an answer, nor a listed item), by shape name.</summary>
    public SortedSet<string> NestedStructures { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> ClassOfShape { get; } = new(StringComparer.Ordinal);

    public bool IsPublic(string className) =>
        OutputClasses.TryGetValue(className, out var sources) ? sources[0].Row.OutputType != null : true;

    /// <summary>The structure a cmdlet writes: the listed item for a paginated operation, else the whole answer.</summary>
    public string? ObjectShapeOf(OperationSpec operation)
    {
        if (operation.Output == null) return null;
        if (Table.Row(operation.Name)?.OutputMember is { } wrapped)
        {
            var holder = Spec.Shape(operation.Output).Members?.SingleOrDefault(member => member.Name == wrapped)
                ?? throw new InvalidDataException($"{operation.Name}: the table names the answer's member '{wrapped}', which {operation.Output} does not have.");
            return holder.Shape;
        }

        if (operation.Paginator == null) return operation.Output;
        var items = Spec.Shape(operation.Output).Members!.Single(member => member.Name == operation.Paginator.ResultKey);
        return Spec.Shape(items.Shape).Member!;
    }

    public string ClassName(string shapeName) => ClassOfShape.TryGetValue(shapeName, out var name) ? name : shapeName;

    /// <summary>True when the shape, or anything inside it, is marked sensitive by the model.</summary>
    public bool HoldsSecret(string shapeName, HashSet<string>? seen = null)
    {
        seen ??= [];
        if (!seen.Add(shapeName)) return false;
        var shape = Spec.Shape(shapeName);
        if (shape.Sensitive) return true;
        if (shape.Member != null && HoldsSecret(shape.Member, seen)) return true;
        if (shape.Value != null && HoldsSecret(shape.Value, seen)) return true;
        return shape.Members?.Any(member => !Table.IsOmitted(shapeName, member.Name) && HoldsSecret(member.Shape, seen)) == true;
    }

    private void CollectNested(string shapeName, string? owner)
    {
        var shape = Spec.Shape(shapeName);
        if (shape.Type == "list")
        {
            CollectNested(shape.Member!, owner);
            return;
        }

        if (shape.Type == "map")
        {
            CollectNested(shape.Value!, owner);
            return;
        }

        if (shape.Type != "structure") return;
        if (owner == null || ClassName(shapeName) != owner)
        {
            // A structure inside another: it becomes a class of its own, unless it is itself an output object.
            var isTopLevel = Spec.Operations.Any(operation => operation.Input == shapeName) || ClassOfShape.ContainsKey(shapeName);
            if (!isTopLevel)
            {
                if (OutputClasses.ContainsKey(shapeName))
                {
                    throw new InvalidDataException($"The output type {shapeName} has the name of a nested structure of the model.");
                }

                if (!NestedStructures.Add(shapeName)) return;
            }
        }

        foreach (var member in shape.Members ?? [])
        {
            if (!Table.IsOmitted(shapeName, member.Name)) CollectNested(member.Shape, ClassName(shapeName));
        }
    }
}
