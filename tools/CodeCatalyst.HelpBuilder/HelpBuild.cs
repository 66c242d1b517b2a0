using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace CodeCatalyst.HelpBuilder;

/// <summary>What one build of a docs folder produced.</summary>
public sealed class HelpBuildResult
{
    public List<CommandHelp> Commands { get; } = new();
    public List<string> Errors { get; } = new();

    /// <summary>Files that were created or whose content changed (unchanged files are left untouched).</summary>
    public List<string> WrittenFiles { get; } = new();
    public List<string> UnchangedFiles { get; } = new();
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>Turns a docs folder into the MAML file plus about_*.help.txt files next to it.</summary>
public static class HelpBuild
{
    /// <summary>Cmdlet pages (Verb-Noun.md) in a stable order; about_* pages and other files are not included.</summary>
    public static IReadOnlyList<string> FindCommandPages(string docsDirectory) =>
        Directory.GetFiles(docsDirectory, "*.md")
            .Where(p => !AboutTopic.IsAboutPage(p) && Path.GetFileNameWithoutExtension(p).Contains('-'))
            .OrderBy(p => Path.GetFileName(p), StringComparer.OrdinalIgnoreCase)
            .ThenBy(p => Path.GetFileName(p), StringComparer.Ordinal)
            .ToList();

    public static IReadOnlyList<string> FindAboutPages(string docsDirectory) =>
        Directory.GetFiles(docsDirectory, "about_*.md")
            .OrderBy(p => Path.GetFileName(p), StringComparer.OrdinalIgnoreCase)
            .ThenBy(p => Path.GetFileName(p), StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// Parses every page, checks them against each other and, only when nothing is wrong, writes the MAML file and the
    /// about topics. Errors are collected for all pages rather than stopping at the first.
    /// </summary>
    public static HelpBuildResult Run(string docsDirectory, string mamlPath)
    {
        var result = new HelpBuildResult();
        if (!Directory.Exists(docsDirectory))
        {
            result.Errors.Add($"{docsDirectory}: error CCHELP: docs folder does not exist");
            return result;
        }

        var helpFileName = Path.GetFileName(mamlPath);
        foreach (var page in FindCommandPages(docsDirectory))
        {
            try
            {
                var help = MarkdownHelp.Parse(page);
                var expectedName = Path.GetFileNameWithoutExtension(page);
                if (!help.Name.Equals(expectedName, StringComparison.Ordinal))
                {
                    throw new HelpFormatException(page, 1, $"the page describes '{help.Name}' but the file is named '{expectedName}.md'");
                }

                if (help.ExternalHelpFile is null)
                {
                    throw new HelpFormatException(page, 1, "front matter has no 'external help file:' entry");
                }

                if (!help.ExternalHelpFile.Equals(helpFileName, StringComparison.OrdinalIgnoreCase))
                {
                    throw new HelpFormatException(page, 1,
                        $"'external help file: {help.ExternalHelpFile}' does not match the output file '{helpFileName}'");
                }

                result.Commands.Add(help);
            }
            catch (HelpFormatException e)
            {
                result.Errors.Add(e.Message);
            }
        }

        if (result.Commands.Count == 0 && result.Errors.Count == 0)
        {
            result.Errors.Add($"{docsDirectory}: error CCHELP: no Verb-Noun.md pages found");
        }

        var about = new List<(string Path, string Text)>();
        foreach (var page in FindAboutPages(docsDirectory))
        {
            try
            {
                about.Add((Path.Combine(Path.GetDirectoryName(Path.GetFullPath(mamlPath))!, AboutTopic.OutputFileName(page)), AboutTopic.Convert(page)));
            }
            catch (HelpFormatException e)
            {
                result.Errors.Add(e.Message);
            }
        }

        if (!result.Succeeded)
        {
            return result;
        }

        WriteIfChanged(mamlPath, MamlWriter.Render(result.Commands), result);
        foreach (var (path, text) in about)
        {
            WriteIfChanged(path, new UTF8Encoding(false).GetBytes(text), result);
        }

        return result;
    }

    private static void WriteIfChanged(string path, byte[] content, HelpBuildResult result)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        if (File.Exists(full) && File.ReadAllBytes(full).AsSpan().SequenceEqual(content))
        {
            result.UnchangedFiles.Add(full);
            return;
        }

        var temp = full + ".tmp";
        File.WriteAllBytes(temp, content);
        File.Move(temp, full, overwrite: true);
        result.WrittenFiles.Add(full);
    }
}
