using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace CodeCatalyst.HelpBuilder;

/// <summary>
/// Reads cmdlet help pages written to platyPS's markdown schema 2.0.0. Every problem is reported as a
/// <see cref="HelpFormatException"/> naming the file and line.
/// </summary>
public static class MarkdownHelp
{
    /// <summary>The level-2 sections a cmdlet page must have, in the recommended order.</summary>
    public static readonly IReadOnlyList<string> RequiredSections = new[]
    {
        "SYNOPSIS", "SYNTAX", "DESCRIPTION", "EXAMPLES", "PARAMETERS", "INPUTS", "OUTPUTS", "NOTES", "RELATED LINKS",
    };

    private static readonly string[] KnownYamlKeys =
    {
        "Type", "Parameter Sets", "Aliases", "Accepted values", "Required", "Position", "Default value",
        "Accept pipeline input", "Accept wildcard characters", "Applicable",
    };

    private static readonly string[] MandatoryYamlKeys =
    {
        "Type", "Parameter Sets", "Required", "Position", "Accept pipeline input",
    };

    private static readonly Regex PipelinePattern = new(
        @"^(False|True \((ByPropertyName|ByValue)(, (ByPropertyName|ByValue))?\))$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static readonly Regex LinkLinePattern = new(@"^\[(?<text>[^\]]+)\]\((?<uri>[^)\s]*)\)$", RegexOptions.CultureInvariant);

    private const string DefaultSuffix = "(Default)";

    /// <summary>Reads and parses one cmdlet page.</summary>
    public static CommandHelp Parse(string path) => ParseText(File.ReadAllText(path), path);

    /// <summary>Parses cmdlet page text; <paramref name="sourceName"/> is used in error messages.</summary>
    public static CommandHelp ParseText(string markdown, string sourceName)
    {
        var lines = MarkdownBlocks.NormalizeNewLines(markdown).Split('\n');
        var metadata = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var bodyStart = MarkdownBlocks.ReadFrontMatter(sourceName, lines, metadata);
        var blocks = MarkdownBlocks.Split(sourceName, lines, bodyStart);

        if (blocks.Count == 0 || blocks[0].Kind != BlockKind.Heading || blocks[0].Level != 1)
        {
            var line = blocks.Count == 0 ? bodyStart + 1 : blocks[0].Line;
            throw new HelpFormatException(sourceName, line, "expected the command name as a level-1 heading ('# Verb-Noun')");
        }

        var title = blocks[0];
        var help = new CommandHelp(sourceName, title.Text.Trim());
        foreach (var pair in metadata)
        {
            help.Metadata[pair.Key] = pair.Value;
        }

        if (!Regex.IsMatch(help.Name, @"^[A-Za-z]+-[A-Za-z0-9]+$"))
        {
            throw new HelpFormatException(sourceName, title.Line, $"'{help.Name}' is not a Verb-Noun command name");
        }

        if (help.SchemaVersion is not null && help.SchemaVersion != "2.0.0")
        {
            throw new HelpFormatException(sourceName, 1, $"schema '{help.SchemaVersion}' is not supported; expected 2.0.0");
        }

        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var index = 1;
        while (index < blocks.Count)
        {
            var heading = blocks[index];
            if (heading.Kind != BlockKind.Heading || heading.Level != 2)
            {
                throw new HelpFormatException(sourceName, heading.Line,
                    heading.Kind == BlockKind.Heading
                        ? $"expected a level-2 section heading, found '{heading.Text}' at level {heading.Level}"
                        : "text outside any section; expected a level-2 section heading");
            }

            var section = heading.Text.Trim().ToUpperInvariant();
            if (!RequiredSections.Contains(section))
            {
                throw new HelpFormatException(sourceName, heading.Line, $"unknown section '## {heading.Text}'");
            }

            if (seen.TryGetValue(section, out var earlier))
            {
                throw new HelpFormatException(sourceName, heading.Line, $"section '## {section}' repeats the one on line {earlier}");
            }

            seen[section] = heading.Line;
            var end = index + 1;
            while (end < blocks.Count && !(blocks[end].Kind == BlockKind.Heading && blocks[end].Level <= 2))
            {
                end++;
            }

            var content = blocks.GetRange(index + 1, end - index - 1);
            var reader = new SectionReader(sourceName, heading, content);
            switch (section)
            {
                case "SYNOPSIS":
                    help.Synopsis.AddRange(reader.ReadText(required: true));
                    break;
                case "DESCRIPTION":
                    help.Description.AddRange(reader.ReadText(required: true));
                    break;
                case "NOTES":
                    help.Notes.AddRange(reader.ReadText(required: true));
                    break;
                case "SYNTAX":
                    ReadSyntax(reader, help);
                    break;
                case "EXAMPLES":
                    ReadExamples(reader, help);
                    break;
                case "PARAMETERS":
                    ReadParameters(reader, help);
                    break;
                case "INPUTS":
                    ReadTypes(reader, help.Inputs);
                    break;
                case "OUTPUTS":
                    ReadTypes(reader, help.Outputs);
                    break;
                case "RELATED LINKS":
                    ReadLinks(reader, help);
                    break;
            }

            index = end;
        }

        foreach (var required in RequiredSections)
        {
            if (!seen.ContainsKey(required))
            {
                throw new HelpFormatException(sourceName, title.Line, $"missing section '## {required}'");
            }
        }

        CheckParameterSets(help, seen["SYNTAX"]);
        return help;
    }

    private static void ReadSyntax(SectionReader reader, CommandHelp help)
    {
        while (!reader.AtEnd)
        {
            var block = reader.Next();
            if (block.Kind == BlockKind.Code)
            {
                // A single syntax block may go without a heading: the command has one, unnamed, set.
                if (help.Syntax.Count > 0)
                {
                    throw new HelpFormatException(reader.Path, block.Line, "a syntax block needs its own '### SetName' heading when there are several");
                }

                help.Syntax.Add(new SyntaxBlock(null, true, block.Text.Trim(), block.Line));
                continue;
            }

            if (block.Kind != BlockKind.Heading || block.Level != 3)
            {
                throw new HelpFormatException(reader.Path, block.Line, "expected '### SetName' followed by a code fence holding the syntax line");
            }

            var name = block.Text.Trim();
            var isDefault = name.EndsWith(DefaultSuffix, StringComparison.OrdinalIgnoreCase);
            if (isDefault)
            {
                name = name.Substring(0, name.Length - DefaultSuffix.Length).Trim();
            }

            if (name.Length == 0)
            {
                throw new HelpFormatException(reader.Path, block.Line, "parameter set heading has no name");
            }

            if (reader.AtEnd || reader.Peek().Kind != BlockKind.Code)
            {
                throw new HelpFormatException(reader.Path, block.Line, $"parameter set '{name}' has no code fence with its syntax line");
            }

            var code = reader.Next();
            if (help.Syntax.Any(s => string.Equals(s.SetName, name, StringComparison.OrdinalIgnoreCase)))
            {
                throw new HelpFormatException(reader.Path, block.Line, $"parameter set '{name}' is listed twice");
            }

            if (isDefault && help.Syntax.Any(s => s.IsDefault))
            {
                throw new HelpFormatException(reader.Path, block.Line, "more than one parameter set is marked (Default)");
            }

            help.Syntax.Add(new SyntaxBlock(name, isDefault, code.Text.Trim(), block.Line));
        }

        if (help.Syntax.Count == 0)
        {
            throw new HelpFormatException(reader.Path, reader.Heading.Line, "SYNTAX has no syntax block");
        }

        if (help.Syntax.Count > 1 && !help.Syntax.Any(s => s.IsDefault))
        {
            throw new HelpFormatException(reader.Path, reader.Heading.Line, "several parameter sets but none is marked '(Default)'");
        }
    }

    private static void ReadExamples(SectionReader reader, CommandHelp help)
    {
        while (!reader.AtEnd)
        {
            var heading = reader.Next();
            if (heading.Kind != BlockKind.Heading || heading.Level != 3)
            {
                throw new HelpFormatException(reader.Path, heading.Line, "expected '### Example N: title'");
            }

            var example = new HelpExample(heading.Text.Trim(), heading.Line);
            while (!reader.AtEnd && reader.Peek().Kind == BlockKind.Paragraph)
            {
                example.Introduction.AddRange(MarkdownBlocks.ToHelpParagraphs(reader.Next().Lines));
            }

            while (!reader.AtEnd && reader.Peek().Kind == BlockKind.Code)
            {
                example.Code.Add(reader.Next().Text.TrimEnd('\n', ' ', '\t'));
            }

            if (example.Code.Count == 0)
            {
                throw new HelpFormatException(reader.Path, heading.Line, $"example '{example.Title}' has no code fence");
            }

            while (!reader.AtEnd && reader.Peek().Kind == BlockKind.Paragraph)
            {
                example.Remarks.AddRange(MarkdownBlocks.ToHelpParagraphs(reader.Next().Lines));
            }

            if (!reader.AtEnd && reader.Peek().Kind == BlockKind.Code)
            {
                throw new HelpFormatException(reader.Path, reader.Peek().Line,
                    $"example '{example.Title}': a code fence after the remarks is not part of the schema (put all code before the remarks)");
            }

            help.Examples.Add(example);
        }

        if (help.Examples.Count == 0)
        {
            throw new HelpFormatException(reader.Path, reader.Heading.Line, "EXAMPLES has no examples");
        }
    }

    private static void ReadParameters(SectionReader reader, CommandHelp help)
    {
        while (!reader.AtEnd)
        {
            var heading = reader.Next();
            if (heading.Kind != BlockKind.Heading || heading.Level != 3)
            {
                throw new HelpFormatException(reader.Path, heading.Line, "expected '### -ParameterName'");
            }

            var name = heading.Text.Trim();
            var bare = name.Trim('<', '>');
            if (bare.Equals("CommonParameters", StringComparison.OrdinalIgnoreCase) ||
                bare.Equals("WorkflowCommonParameters", StringComparison.OrdinalIgnoreCase))
            {
                // The text under this heading is fixed boilerplate; platyPS ignores it.
                while (!reader.AtEnd && reader.Peek().Kind != BlockKind.Heading)
                {
                    reader.Next();
                }

                help.SupportsCommonParameters |= bare.Equals("CommonParameters", StringComparison.OrdinalIgnoreCase);
                continue;
            }

            if (!name.StartsWith("-", StringComparison.Ordinal) || name.Length < 2)
            {
                throw new HelpFormatException(reader.Path, heading.Line, $"parameter heading '{name}' must be '### -Name'");
            }

            var parameter = new HelpParameter(name.Substring(1), heading.Line);
            if (help.FindParameter(parameter.Name) is { } duplicate)
            {
                throw new HelpFormatException(reader.Path, heading.Line, $"parameter -{parameter.Name} is already described on line {duplicate.Line}");
            }

            while (!reader.AtEnd && reader.Peek().Kind != BlockKind.Heading)
            {
                var block = reader.Next();
                if (block.Kind == BlockKind.Code && block.Info.Equals("yaml", StringComparison.OrdinalIgnoreCase))
                {
                    parameter.Metadata.Add(ReadYaml(reader.Path, parameter, block));
                }
                else if (parameter.Metadata.Count > 0)
                {
                    throw new HelpFormatException(reader.Path, block.Line, $"parameter -{parameter.Name}: only ```yaml blocks may follow the first one");
                }
                else if (block.Kind == BlockKind.Paragraph)
                {
                    parameter.Description.AddRange(MarkdownBlocks.ToHelpParagraphs(block.Lines));
                }
                else
                {
                    parameter.Description.Add(block.Text);
                }
            }

            if (parameter.Metadata.Count == 0)
            {
                throw new HelpFormatException(reader.Path, heading.Line, $"parameter -{parameter.Name} has no ```yaml metadata block");
            }

            if (parameter.Description.Count == 0)
            {
                throw new HelpFormatException(reader.Path, heading.Line, $"parameter -{parameter.Name} has no description");
            }

            var sets = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var meta in parameter.Metadata)
            {
                if (meta.IsAllSets && parameter.Metadata.Count > 1)
                {
                    throw new HelpFormatException(reader.Path, meta.Line, $"parameter -{parameter.Name}: '(All)' cannot be combined with other yaml blocks");
                }

                foreach (var set in meta.ParameterSets)
                {
                    if (!sets.Add(set))
                    {
                        throw new HelpFormatException(reader.Path, meta.Line, $"parameter -{parameter.Name} lists set '{set}' in more than one yaml block");
                    }
                }
            }

            help.Parameters.Add(parameter);
        }

        if (!help.SupportsCommonParameters)
        {
            throw new HelpFormatException(reader.Path, reader.Heading.Line, "PARAMETERS has no '### CommonParameters' entry");
        }
    }

    private static ParameterMetadata ReadYaml(string path, HelpParameter parameter, Block block)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < block.Lines.Count; i++)
        {
            var line = block.Lines[i];
            var lineNumber = block.Line + 1 + i;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var colon = line.IndexOf(':');
            if (colon <= 0)
            {
                throw new HelpFormatException(path, lineNumber, $"parameter -{parameter.Name}: yaml line is not 'Key: value': '{line.Trim()}'");
            }

            var key = line.Substring(0, colon).Trim();
            var value = line.Substring(colon + 1).Trim();
            if (!KnownYamlKeys.Contains(key, StringComparer.OrdinalIgnoreCase))
            {
                throw new HelpFormatException(path, lineNumber, $"parameter -{parameter.Name}: unknown yaml key '{key}'");
            }

            if (values.ContainsKey(key))
            {
                throw new HelpFormatException(path, lineNumber, $"parameter -{parameter.Name}: yaml key '{key}' appears twice");
            }

            values[key] = value.Length == 0 ? null : value;
        }

        foreach (var key in MandatoryYamlKeys)
        {
            if (!values.TryGetValue(key, out var v) || v is null)
            {
                throw new HelpFormatException(path, block.Line, $"parameter -{parameter.Name}: yaml block has no '{key}:' value");
            }
        }

        var meta = new ParameterMetadata { Line = block.Line, Type = values["Type"] };
        foreach (var set in SplitList(values["Parameter Sets"]))
        {
            if (set == CommandHelp.AllSetsMoniker)
            {
                meta.IsAllSets = true;
            }
            else
            {
                meta.ParameterSets.Add(set);
            }
        }

        if (meta.IsAllSets && meta.ParameterSets.Count > 0)
        {
            throw new HelpFormatException(path, block.Line, $"parameter -{parameter.Name}: '(All)' cannot be combined with named sets");
        }

        if (values.TryGetValue("Aliases", out var aliases))
        {
            meta.Aliases.AddRange(SplitList(aliases));
        }

        if (values.TryGetValue("Accepted values", out var accepted))
        {
            meta.AcceptedValues.AddRange(SplitList(accepted));
        }

        meta.Required = ReadBool(path, block, parameter, "Required", values["Required"]!);
        meta.AcceptsWildcards = values.TryGetValue("Accept wildcard characters", out var wildcard) && wildcard is not null
            && ReadBool(path, block, parameter, "Accept wildcard characters", wildcard);

        var position = values["Position"]!;
        if (!position.Equals("Named", StringComparison.OrdinalIgnoreCase) && !Regex.IsMatch(position, "^[0-9]+$"))
        {
            throw new HelpFormatException(path, block.Line, $"parameter -{parameter.Name}: Position must be 'Named' or a number, not '{position}'");
        }

        meta.Position = position;
        meta.DefaultValue = values.TryGetValue("Default value", out var defaultValue) ? defaultValue : null;

        var pipeline = values["Accept pipeline input"]!;
        if (!PipelinePattern.IsMatch(pipeline))
        {
            throw new HelpFormatException(path, block.Line,
                $"parameter -{parameter.Name}: 'Accept pipeline input' must be False or True (ByValue|ByPropertyName[, ...]), not '{pipeline}'");
        }

        meta.PipelineInput = pipeline;
        return meta;
    }

    private static bool ReadBool(string path, Block block, HelpParameter parameter, string key, string value)
    {
        if (value.Equals("True", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (value.Equals("False", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        throw new HelpFormatException(path, block.Line, $"parameter -{parameter.Name}: '{key}' must be True or False, not '{value}'");
    }

    private static IEnumerable<string> SplitList(string? value) =>
        value is null ? Enumerable.Empty<string>() : value.Split(',').Select(s => s.Trim()).Where(s => s.Length > 0);

    private static void ReadTypes(SectionReader reader, List<TypeEntry> target)
    {
        while (!reader.AtEnd)
        {
            var heading = reader.Next();
            if (heading.Kind != BlockKind.Heading || heading.Level != 3)
            {
                throw new HelpFormatException(reader.Path, heading.Line, $"{reader.Heading.Text.Trim().ToUpperInvariant()} entries must be '### TypeName' headings");
            }

            var description = new List<string>();
            while (!reader.AtEnd && reader.Peek().Kind == BlockKind.Paragraph)
            {
                description.AddRange(MarkdownBlocks.ToHelpParagraphs(reader.Next().Lines));
            }

            if (!reader.AtEnd && reader.Peek().Kind == BlockKind.Code)
            {
                throw new HelpFormatException(reader.Path, reader.Peek().Line, "code fences are not supported in INPUTS or OUTPUTS");
            }

            target.Add(new TypeEntry(heading.Text.Trim(), description, heading.Line));
        }
    }

    private static void ReadLinks(SectionReader reader, CommandHelp help)
    {
        while (!reader.AtEnd)
        {
            var block = reader.Next();
            if (block.Kind != BlockKind.Paragraph)
            {
                throw new HelpFormatException(reader.Path, block.Line, "RELATED LINKS may only hold '[text](uri)' lines");
            }

            for (var i = 0; i < block.Lines.Count; i++)
            {
                var line = block.Lines[i].Trim();
                var match = LinkLinePattern.Match(line);
                if (!match.Success)
                {
                    throw new HelpFormatException(reader.Path, block.Line + i, $"expected a '[text](uri)' link, found '{line}'");
                }

                help.RelatedLinks.Add(new RelatedLink(match.Groups["text"].Value.Trim(), match.Groups["uri"].Value.Trim(), block.Line + i));
            }
        }
    }

    private static void CheckParameterSets(CommandHelp help, int syntaxLine)
    {
        var fromParameters = help.Parameters
            .SelectMany(p => p.Metadata)
            .SelectMany(m => m.ParameterSets)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        var fromSyntax = help.Syntax.Where(s => s.SetName is not null).Select(s => s.SetName!).ToList();

        if (fromParameters.Count == 0)
        {
            // Every parameter is in (All): one syntax block, with or without a heading.
            if (help.Syntax.Count != 1)
            {
                throw new HelpFormatException(help.SourcePath, syntaxLine,
                    $"SYNTAX shows {help.Syntax.Count} parameter sets but every parameter is in '(All)'; name the sets in the parameters' yaml blocks");
            }

            return;
        }

        foreach (var set in fromParameters)
        {
            if (!fromSyntax.Contains(set, StringComparer.OrdinalIgnoreCase))
            {
                throw new HelpFormatException(help.SourcePath, syntaxLine, $"parameter set '{set}' is used by a parameter but has no '### {set}' block in SYNTAX");
            }
        }

        foreach (var block in help.Syntax)
        {
            if (block.SetName is null)
            {
                throw new HelpFormatException(help.SourcePath, block.Line, "the syntax block needs a '### SetName' heading because parameters name their sets");
            }

            if (!fromParameters.Contains(block.SetName, StringComparer.OrdinalIgnoreCase))
            {
                throw new HelpFormatException(help.SourcePath, block.Line,
                    $"SYNTAX lists set '{block.SetName}' but no parameter's yaml names it, so New-ExternalHelp would drop it; list the set explicitly in 'Parameter Sets:'");
            }
        }
    }

    /// <summary>Walks the blocks of one section.</summary>
    private sealed class SectionReader
    {
        private readonly IReadOnlyList<Block> _blocks;
        private int _index;

        public SectionReader(string path, Block heading, IReadOnlyList<Block> blocks)
        {
            Path = path;
            Heading = heading;
            _blocks = blocks;
        }

        public string Path { get; }
        public Block Heading { get; }
        public bool AtEnd => _index >= _blocks.Count;
        public Block Peek() => _blocks[_index];
        public Block Next() => _blocks[_index++];

        /// <summary>Plain text sections: paragraphs only.</summary>
        public List<string> ReadText(bool required)
        {
            var result = new List<string>();
            while (!AtEnd)
            {
                var block = Next();
                if (block.Kind != BlockKind.Paragraph)
                {
                    throw new HelpFormatException(Path, block.Line,
                        $"only plain paragraphs are allowed in {Heading.Text.Trim().ToUpperInvariant()}");
                }

                result.AddRange(MarkdownBlocks.ToHelpParagraphs(block.Lines));
            }

            if (required && result.Count == 0)
            {
                throw new HelpFormatException(Path, Heading.Line, $"section '## {Heading.Text.Trim()}' is empty");
            }

            return result;
        }
    }
}
