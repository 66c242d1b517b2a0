using System.Text;

namespace CodeCatalyst.WireGen;

internal static class Names
{
    /// <summary>camelCase wire name to a PascalCase C# and PowerShell name: sizeInGiB → SizeInGiB.</summary>
    public static string Pascal(string name) => name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name[1..];

    public static string Camel(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];

    /// <summary>
    /// The parameter a list member gets: PowerShell parameters are singular (filters → Filter, ides → Ide,
    /// repositories → Repository), as -Path and -Name are even when they take many values.
    /// </summary>
    public static string Singular(string pascalName)
    {
        if (pascalName.EndsWith("ies", StringComparison.Ordinal)) return pascalName[..^3] + "y";
        if (pascalName.EndsWith("sses", StringComparison.Ordinal)) return pascalName[..^2];
        if (pascalName.EndsWith('s') && !pascalName.EndsWith("ss", StringComparison.Ordinal)) return pascalName[..^1];
        return pascalName;
    }

    public static string Literal(string value)
    {
        var builder = new StringBuilder("\"");
        foreach (var character in value)
        {
            switch (character)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (char.IsControl(character)) builder.Append("\\u").Append(((int)character).ToString("x4"));
                    else builder.Append(character);
                    break;
            }
        }

        return builder.Append('"').ToString();
    }
}

/// <summary>Writes indented C# with LF line ends, so generated files are the same bytes on every OS.</summary>
internal sealed class CodeWriter
{
    private readonly StringBuilder text = new();
    private int depth;

    public CodeWriter Line(string line = "")
    {
        if (line.Length > 0) text.Append(' ', depth * 4).Append(line);
        text.Append('\n');
        return this;
    }

    public CodeWriter Open(string line)
    {
        Line(line);
        Line("{");
        depth++;
        return this;
    }

    public CodeWriter Close(string suffix = "")
    {
        depth--;
        return Line("}" + suffix);
    }

    public override string ToString() => text.ToString();
}
