using System;
using System.Collections.Generic;
using System.Linq;

namespace CodeCatalyst.HelpBuilder;

/// <summary>
/// One cmdlet help page (docs/Verb-Noun.md) as read from platyPS schema 2.0.0 markdown.
/// Text sections are kept as lists of paragraphs, the unit MAML renders as maml:para.
/// </summary>
public sealed class CommandHelp
{
    /// <summary>Name Get-Command reports for a cmdlet declared without any named parameter set.</summary>
    public const string AllParameterSetsName = "__AllParameterSets";

    /// <summary>The moniker platyPS writes in "Parameter Sets:" for a parameter that belongs to every set.</summary>
    public const string AllSetsMoniker = "(All)";

    public CommandHelp(string sourcePath, string name)
    {
        SourcePath = sourcePath;
        Name = name;
    }

    /// <summary>The markdown file the page was read from (as given to the parser).</summary>
    public string SourcePath { get; }

    /// <summary>Keys and values of the YAML front matter (keys compared case-insensitively).</summary>
    public Dictionary<string, string?> Metadata { get; } = new(StringComparer.OrdinalIgnoreCase);

    public string Name { get; }

    /// <summary>The text before the first '-' of the name.</summary>
    public string Verb => Name.Split('-')[0];

    /// <summary>Everything after the first '-' of the name.</summary>
    public string Noun => Name.Substring(Math.Min(Verb.Length + 1, Name.Length));

    public string? ExternalHelpFile => Metadata.TryGetValue("external help file", out var v) ? v : null;
    public string? ModuleName => Metadata.TryGetValue("Module Name", out var v) ? v : null;
    public string? OnlineVersion => Metadata.TryGetValue("online version", out var v) ? v : null;
    public string? SchemaVersion => Metadata.TryGetValue("schema", out var v) ? v : null;

    public List<string> Synopsis { get; } = new();
    public List<string> Description { get; } = new();
    public List<SyntaxBlock> Syntax { get; } = new();
    public List<HelpExample> Examples { get; } = new();
    public List<HelpParameter> Parameters { get; } = new();
    public bool SupportsCommonParameters { get; internal set; }
    public List<TypeEntry> Inputs { get; } = new();
    public List<TypeEntry> Outputs { get; } = new();
    public List<string> Notes { get; } = new();
    public List<RelatedLink> RelatedLinks { get; } = new();

    /// <summary>The set whose SYNTAX heading carries "(Default)", if any.</summary>
    public string? DefaultParameterSetName =>
        Syntax.FirstOrDefault(s => s.IsDefault && s.SetName is not null)?.SetName;

    /// <summary>
    /// The named parameter sets in the order platyPS's New-ExternalHelp emits syntax items: the order in which
    /// the sets are first mentioned by the parameters' yaml blocks. A page whose parameters all say "(All)"
    /// (or that has no parameters) has one set: the single SYNTAX heading's name, or <see cref="AllParameterSetsName"/>.
    /// </summary>
    public IReadOnlyList<string> ParameterSetNames
    {
        get
        {
            var names = new List<string>();
            foreach (var p in Parameters)
            {
                foreach (var meta in p.Metadata)
                {
                    foreach (var set in meta.ParameterSets)
                    {
                        if (!names.Contains(set, StringComparer.OrdinalIgnoreCase))
                        {
                            names.Add(set);
                        }
                    }
                }
            }

            if (names.Count == 0)
            {
                var headed = Syntax.Where(s => s.SetName is not null).Select(s => s.SetName!).ToList();
                names.Add(headed.Count == 1 ? headed[0] : AllParameterSetsName);
            }

            return names;
        }
    }

    /// <summary>Parameter names (without the leading '-') of every set, in page order, common parameters excluded.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> ParametersBySet
    {
        get
        {
            var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
            foreach (var set in ParameterSetNames)
            {
                result[set] = GetParameterNames(set);
            }

            return result;
        }
    }

    /// <summary>Parameter names (without '-') that belong to <paramref name="setName"/>, in page order.</summary>
    public IReadOnlyList<string> GetParameterNames(string setName) =>
        Parameters.Where(p => p.GetMetadataFor(setName) is not null).Select(p => p.Name).ToList();

    public HelpParameter? FindParameter(string name) =>
        Parameters.FirstOrDefault(p => string.Equals(p.Name, name.TrimStart('-'), StringComparison.OrdinalIgnoreCase));
}

/// <summary>One "### SetName" block of the SYNTAX section (ignored by MAML generation, as in platyPS).</summary>
public sealed record SyntaxBlock(string? SetName, bool IsDefault, string Text, int Line);

/// <summary>"### Title", optional introduction, one or more code fences, then remarks.</summary>
public sealed class HelpExample
{
    public HelpExample(string title, int line)
    {
        Title = title;
        Line = line;
    }

    public string Title { get; }
    public int Line { get; }

    /// <summary>Paragraphs between the title and the first code fence. platyPS 0.14 leaves them out of MAML.</summary>
    public List<string> Introduction { get; } = new();
    public List<string> Code { get; } = new();
    public List<string> Remarks { get; } = new();
}

/// <summary>"### -Name", its description and one metadata block per distinct set of attributes.</summary>
public sealed class HelpParameter
{
    public HelpParameter(string name, int line)
    {
        Name = name;
        Line = line;
    }

    /// <summary>Name without the leading '-'.</summary>
    public string Name { get; }
    public int Line { get; }
    public List<string> Description { get; } = new();

    /// <summary>The yaml blocks in page order; the first is what the MAML parameters section shows.</summary>
    public List<ParameterMetadata> Metadata { get; } = new();

    /// <summary>True when the parameter belongs to every parameter set ("Parameter Sets: (All)").</summary>
    public bool InAllSets => Metadata.Any(m => m.IsAllSets);

    /// <summary>The yaml block that applies in <paramref name="setName"/>, or null when the parameter is not in it.</summary>
    public ParameterMetadata? GetMetadataFor(string setName)
    {
        var named = Metadata.FirstOrDefault(m => m.ParameterSets.Contains(setName, StringComparer.OrdinalIgnoreCase));
        if (named is not null)
        {
            return named;
        }

        // platyPS only falls back to "(All)" when that is the parameter's only entry.
        return Metadata.Count == 1 && Metadata[0].IsAllSets ? Metadata[0] : null;
    }
}

/// <summary>The keys of one ```yaml block under a parameter.</summary>
public sealed class ParameterMetadata
{
    public string? Type { get; set; }

    /// <summary>Named sets; empty when <see cref="IsAllSets"/>.</summary>
    public List<string> ParameterSets { get; } = new();
    public bool IsAllSets { get; set; }
    public List<string> Aliases { get; } = new();
    public List<string> AcceptedValues { get; } = new();
    public bool Required { get; set; }

    /// <summary>"Named" or a zero-based number, as written.</summary>
    public string Position { get; set; } = "Named";

    /// <summary>Null when the key is absent or empty.</summary>
    public string? DefaultValue { get; set; }

    /// <summary>As written, e.g. "False" or "True (ByPropertyName, ByValue)".</summary>
    public string PipelineInput { get; set; } = "False";
    public bool AcceptsWildcards { get; set; }
    public int Line { get; set; }

    public bool IsSwitch => Type is not null &&
        (Type.Equals("SwitchParameter", StringComparison.OrdinalIgnoreCase) ||
         Type.Equals("System.Management.Automation.SwitchParameter", StringComparison.OrdinalIgnoreCase) ||
         Type.Equals("switch", StringComparison.OrdinalIgnoreCase));

    /// <summary>Null for a named parameter, otherwise the position number.</summary>
    public int? PositionNumber => int.TryParse(Position, out var n) ? n : null;

    public bool ValueFromPipeline => PipelineInput.Contains("ByValue", StringComparison.OrdinalIgnoreCase);
    public bool ValueFromPipelineByPropertyName => PipelineInput.Contains("ByPropertyName", StringComparison.OrdinalIgnoreCase);
}

/// <summary>An INPUTS or OUTPUTS entry: "### TypeName" and its description.</summary>
public sealed record TypeEntry(string TypeName, IReadOnlyList<string> Description, int Line);

/// <summary>"[text](uri)" from RELATED LINKS.</summary>
public sealed record RelatedLink(string Text, string Uri, int Line);

/// <summary>A page that does not follow the schema; the message names the file and line.</summary>
public sealed class HelpFormatException : Exception
{
    public HelpFormatException(string filePath, int line, string problem)
        : base($"{filePath}({line}): error CCHELP: {problem}")
    {
        FilePath = filePath;
        Line = line;
        Problem = problem;
    }

    public string FilePath { get; }
    public int Line { get; }
    public string Problem { get; }
}
