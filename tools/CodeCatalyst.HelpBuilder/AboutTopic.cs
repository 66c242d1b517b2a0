using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace CodeCatalyst.HelpBuilder;

/// <summary>
/// Converts an about topic page (docs/about_Name.md) to the plain-text about_Name.help.txt that Get-Help reads,
/// following the layout of platyPS's about-topic template: "# ModuleName", "## about_Name", then level-1
/// headings such as "# SHORT DESCRIPTION" and "# LONG DESCRIPTION".
/// </summary>
public static class AboutTopic
{
    private const string Indent = "    ";
    private const int MaxWidth = 80;

    public static readonly IReadOnlyList<string> RequiredHeadings = new[] { "SHORT DESCRIPTION", "LONG DESCRIPTION" };

    /// <summary>The help file name for an about page: about_Name.md becomes about_Name.help.txt.</summary>
    public static string OutputFileName(string markdownPath) => Path.GetFileNameWithoutExtension(markdownPath) + ".help.txt";

    public static bool IsAboutPage(string markdownPath) =>
        Path.GetFileName(markdownPath).StartsWith("about_", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads an about page and returns the text of its .help.txt (LF line ends).</summary>
    public static string Convert(string path) => ConvertText(File.ReadAllText(path), path);

    public static string ConvertText(string markdown, string sourceName)
    {
        var lines = MarkdownBlocks.NormalizeNewLines(markdown).Split('\n');
        var metadata = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var start = MarkdownBlocks.ReadFrontMatter(sourceName, lines, metadata);
        var blocks = MarkdownBlocks.Split(sourceName, lines, start);
        var topicName = Path.GetFileNameWithoutExtension(sourceName);

        if (blocks.Count < 2 || blocks[0].Kind != BlockKind.Heading || blocks[0].Level != 1)
        {
            throw new HelpFormatException(sourceName, blocks.Count > 0 ? blocks[0].Line : start + 1,
                "an about topic starts with '# ModuleName' followed by '## about_Name'");
        }

        if (blocks[1].Kind != BlockKind.Heading || blocks[1].Level != 2 ||
            !blocks[1].Text.Trim().Equals(topicName, StringComparison.OrdinalIgnoreCase))
        {
            throw new HelpFormatException(sourceName, blocks[1].Line, $"the second heading must be '## {topicName}' (the file name)");
        }

        foreach (var required in RequiredHeadings)
        {
            if (!blocks.Any(b => b.Kind == BlockKind.Heading && b.Level == 1 && b.Text.Trim().Equals(required, StringComparison.OrdinalIgnoreCase)))
            {
                throw new HelpFormatException(sourceName, blocks[0].Line, $"missing '# {required}'");
            }
        }

        var text = new StringBuilder();
        for (var i = 0; i < blocks.Count; i++)
        {
            var block = blocks[i];
            switch (block.Kind)
            {
                case BlockKind.Heading when i == 0:
                    text.Append("TOPIC\n");
                    break;
                case BlockKind.Heading when block.Level == 1:
                    text.Append(block.Text.Trim().ToUpperInvariant()).Append('\n');
                    break;
                case BlockKind.Heading when block.Level == 2 && i == 1:
                    text.Append(Indent).Append(block.Text.Trim().ToLowerInvariant()).Append("\n\n");
                    break;
                case BlockKind.Heading when block.Level == 2:
                    text.Append(block.Text.Trim()).Append('\n');
                    break;
                case BlockKind.Heading:
                    text.Append(Indent).Append(block.Text.Trim().ToUpperInvariant()).Append('\n');
                    break;
                case BlockKind.Paragraph:
                    foreach (var paragraph in MarkdownBlocks.ToHelpParagraphs(block.Lines))
                    {
                        foreach (var line in Wrap(paragraph))
                        {
                            text.Append(Indent).Append(line).Append('\n');
                        }
                    }

                    text.Append('\n');
                    break;
                case BlockKind.Code:
                    foreach (var line in block.Text.TrimEnd('\n').Split('\n'))
                    {
                        text.Append(Indent).Append(line.TrimEnd()).Append('\n');
                    }

                    text.Append('\n');
                    break;
            }
        }

        return text.ToString();
    }

    /// <summary>Greedy word wrap so that the indented line fits in 80 columns.</summary>
    private static IEnumerable<string> Wrap(string paragraph)
    {
        var width = MaxWidth - Indent.Length;
        if (paragraph.Length <= width)
        {
            yield return paragraph;
            yield break;
        }

        var line = new StringBuilder();
        foreach (var word in paragraph.Split(' '))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                yield return line.ToString();
                line.Clear();
            }

            if (line.Length > 0)
            {
                line.Append(' ');
            }

            line.Append(word);
        }

        if (line.Length > 0)
        {
            yield return line.ToString();
        }
    }
}
