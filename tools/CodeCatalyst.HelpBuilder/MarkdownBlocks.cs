using System;
using System.Collections.Generic;
using System.Text;
using System.Text.RegularExpressions;

namespace CodeCatalyst.HelpBuilder;

internal enum BlockKind
{
    Heading,
    Paragraph,
    Code,
}

/// <summary>A top-level markdown block with the 1-based line it starts on.</summary>
internal sealed record Block(BlockKind Kind, int Line, int Level, string Text, string Info, IReadOnlyList<string> Lines);

/// <summary>
/// Splits a markdown document into the three block kinds the help schema uses: ATX headings, paragraphs
/// (runs of non-blank lines) and fenced code blocks. Front matter is returned separately.
/// </summary>
internal static class MarkdownBlocks
{
    private static readonly Regex HeadingPattern = new(@"^(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$", RegexOptions.CultureInvariant);
    private static readonly Regex FencePattern = new(@"^[ ]{0,3}(`{3,}|~{3,})[ \t]*([^`\s]*)[^`]*$", RegexOptions.CultureInvariant);

    public static string NormalizeNewLines(string text)
    {
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text.Substring(1);
        }

        return text.Replace("\r\n", "\n").Replace('\r', '\n');
    }

    /// <summary>Reads "---" delimited front matter. Returns the index of the first line after it.</summary>
    public static int ReadFrontMatter(string path, string[] lines, IDictionary<string, string?> metadata)
    {
        if (lines.Length == 0 || lines[0].TrimEnd() != "---")
        {
            return 0;
        }

        for (var i = 1; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.TrimEnd() == "---")
            {
                return i + 1;
            }

            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var colon = line.IndexOf(':');
            if (colon <= 0)
            {
                throw new HelpFormatException(path, i + 1, $"front matter line is not 'key: value': '{line.Trim()}'");
            }

            var key = line.Substring(0, colon).Trim();
            var value = line.Substring(colon + 1).Trim();
            metadata[key] = value.Length == 0 ? null : value;
        }

        throw new HelpFormatException(path, 1, "front matter opened with '---' is never closed");
    }

    public static List<Block> Split(string path, string[] lines, int start)
    {
        var blocks = new List<Block>();
        var paragraph = new List<string>();
        var paragraphLine = 0;

        void FlushParagraph()
        {
            if (paragraph.Count > 0)
            {
                blocks.Add(new Block(BlockKind.Paragraph, paragraphLine, 0, string.Join("\n", paragraph), "", paragraph.ToArray()));
                paragraph.Clear();
            }
        }

        for (var i = start; i < lines.Length; i++)
        {
            var line = lines[i];
            var fence = FencePattern.Match(line);
            if (fence.Success)
            {
                FlushParagraph();
                var marker = fence.Groups[1].Value;
                var openedAt = i + 1;
                var body = new List<string>();
                var closed = false;
                for (i++; i < lines.Length; i++)
                {
                    var candidate = lines[i].Trim();
                    if (candidate.Length >= marker.Length && candidate.Trim(marker[0]).Length == 0 && candidate.StartsWith(marker, StringComparison.Ordinal))
                    {
                        closed = true;
                        break;
                    }

                    body.Add(lines[i]);
                }

                if (!closed)
                {
                    throw new HelpFormatException(path, openedAt, "code fence is never closed");
                }

                blocks.Add(new Block(BlockKind.Code, openedAt, 0, string.Join("\n", body), fence.Groups[2].Value, body));
                continue;
            }

            var heading = HeadingPattern.Match(line);
            if (heading.Success)
            {
                FlushParagraph();
                blocks.Add(new Block(BlockKind.Heading, i + 1, heading.Groups[1].Value.Length, heading.Groups[2].Value, "", new[] { line }));
                continue;
            }

            if (string.IsNullOrWhiteSpace(line))
            {
                FlushParagraph();
                continue;
            }

            if (line.TrimStart().StartsWith("<!--", StringComparison.Ordinal) && line.TrimEnd().EndsWith("-->", StringComparison.Ordinal) && paragraph.Count == 0)
            {
                // A one-line HTML comment (markdownlint pragmas and the like) carries no help text.
                continue;
            }

            if (paragraph.Count == 0)
            {
                paragraphLine = i + 1;
            }

            paragraph.Add(line);
        }

        FlushParagraph();
        return blocks;
    }

    private static readonly Regex BoldPattern = new(@"\*\*(.+?)\*\*", RegexOptions.CultureInvariant);
    private static readonly Regex ItalicPattern = new(@"\*(.+?)\*", RegexOptions.CultureInvariant);
    private static readonly Regex LinkPattern = new(@"\[(.+?)\]\((https?://[^'"">\s]+)?\)", RegexOptions.CultureInvariant);

    /// <summary>
    /// Turns one markdown paragraph into help paragraphs the way platyPS does: wrapped lines are joined with a
    /// space, a hard break (two trailing spaces) starts a new paragraph, emphasis markers are dropped and a
    /// link becomes "text (url)". Code spans keep their backticks.
    /// </summary>
    public static IEnumerable<string> ToHelpParagraphs(IReadOnlyList<string> lines)
    {
        var current = new StringBuilder();
        for (var i = 0; i < lines.Count; i++)
        {
            var raw = lines[i];
            var hardBreak = raw.EndsWith("  ", StringComparison.Ordinal) && i < lines.Count - 1;
            var text = i == 0 ? raw.Trim() : raw.TrimEnd();
            if (current.Length > 0)
            {
                current.Append(' ');
            }

            current.Append(text);
            if (hardBreak)
            {
                yield return Inline(current.ToString().Trim());
                current.Clear();
            }
        }

        if (current.Length > 0)
        {
            yield return Inline(current.ToString().Trim());
        }
    }

    private static string Inline(string text)
    {
        text = LinkPattern.Replace(text, m => m.Groups[2].Success && m.Groups[2].Value.Length > 0
            ? $"{m.Groups[1].Value} ({m.Groups[2].Value})"
            : m.Groups[1].Value);
        text = BoldPattern.Replace(text, "$1");
        text = ItalicPattern.Replace(text, "$1");
        return text;
    }
}
