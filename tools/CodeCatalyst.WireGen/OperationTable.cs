namespace CodeCatalyst.WireGen;

/// <summary>One row of the operation table: an operation, its cmdlet and what the cmdlet writes.</summary>
public sealed class OperationRow
{
    public string Operation { get; init; } = "";
    public string Cmdlet { get; init; } = "";

    /// <summary>The public type written for the answer (or for each listed item); null: an internal type only.</summary>
    public string? OutputType { get; init; }

    /// <summary>
    /// The member of the answer that holds the object (written 'Type@member'), for services that wrap it, e.g.
    /// Amplify's GetApp answers {"app": {...}}; null when the answer is the object.
    /// </summary>
    public string? OutputMember { get; init; }

    /// <summary>Request members copied onto every output object, so it carries its parents' keys down the pipeline.</summary>
    public IReadOnlyList<string> Carries { get; init; } = [];

    /// <summary>Parameters the cmdlet binds from piped objects by property name.</summary>
    public IReadOnlyList<string> PipelineKeys { get; init; } = [];

    /// <summary>What -WhatIf and -Confirm name, with {member} placeholders; null for operations that change nothing.</summary>
    public string? Target { get; init; }
}

/// <summary>An input member that deliberately has no parameter, and why.</summary>
public sealed record UnmappedMember(string Operation, string Member, string Reason);

/// <summary>The operation table: a short text file a person reads like a route table (see its header).</summary>
public sealed class OperationTable
{
    public List<OperationRow> Rows { get; } = [];
    public List<UnmappedMember> UnmappedMembers { get; } = [];

    /// <summary>Members of answers the module leaves out of its types entirely (Shape.member → why), such as secrets no cmdlet needs.</summary>
    public Dictionary<string, string> Omitted { get; } = new(StringComparer.Ordinal);

    public bool IsOmitted(string shape, string member) => Omitted.ContainsKey(shape + "." + member);

    /// <summary>Operations of the model no cmdlet calls, and why.</summary>
    public Dictionary<string, string> LeftOut { get; } = new(StringComparer.Ordinal);

    public static OperationTable Parse(string text)
    {
        var table = new OperationTable();
        var lineNumber = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            lineNumber++;
            var line = rawLine.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            switch (fields[0])
            {
                case "operation":
                    continue;  // the column header
                case "no-parameter" when fields.Length >= 3:
                {
                    var dot = fields[1].IndexOf('.');
                    if (dot <= 0) throw new FormatException($"operations line {lineNumber}: expected Operation.member after no-parameter.");
                    table.UnmappedMembers.Add(new UnmappedMember(fields[1][..dot], fields[1][(dot + 1)..], string.Join(' ', fields[2..])));
                    continue;
                }
                case "omit" when fields.Length >= 3:
                    if (fields[1].IndexOf('.') <= 0) throw new FormatException($"operations line {lineNumber}: expected Shape.member after omit.");
                    table.Omitted[fields[1]] = string.Join(' ', fields[2..]);
                    continue;
                case "left-out" when fields.Length >= 3:
                    table.LeftOut[fields[1]] = string.Join(' ', fields[2..]);
                    continue;
            }

            if (fields.Length < 6)
            {
                throw new FormatException($"operations line {lineNumber}: expected operation, cmdlet, output, carries, pipeline keys and target.");
            }

            table.Rows.Add(new OperationRow
            {
                Operation = fields[0],
                Cmdlet = fields[1],
                OutputType = fields[2] == "-" ? null : fields[2].Split('@')[0] is var type && type != "-" ? type : null,
                OutputMember = fields[2].Contains('@') ? fields[2][(fields[2].IndexOf('@') + 1)..] : null,
                Carries = List(fields[3]),
                PipelineKeys = List(fields[4]),
                Target = fields[5] == "-" && fields.Length == 6 ? null : string.Join(' ', fields[5..]),
            });
        }

        return table;
    }

    public OperationRow? Row(string operation) => Rows.FirstOrDefault(row => row.Operation == operation);

    private static IReadOnlyList<string> List(string field) =>
        field == "-" ? [] : field.Split(',', StringSplitOptions.RemoveEmptyEntries);
}
