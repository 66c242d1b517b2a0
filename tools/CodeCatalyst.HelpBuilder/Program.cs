using System;
using System.IO;

namespace CodeCatalyst.HelpBuilder;

public static class Program
{
    private const string Usage =
        "usage: CodeCatalyst.HelpBuilder --docs <docsDir> --out <path/to/Module.dll-Help.xml>\n" +
        "  Converts platyPS-schema markdown (docs/Verb-Noun.md) to one MAML help file, and each\n" +
        "  docs/about_*.md to about_*.help.txt next to it. Exit codes: 0 done, 1 invalid pages, 2 bad arguments.";

    public static int Main(string[] args)
    {
        string? docs = null;
        string? output = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--docs" when i + 1 < args.Length:
                    docs = args[++i];
                    break;
                case "--out" when i + 1 < args.Length:
                    output = args[++i];
                    break;
                case "-h":
                case "--help":
                case "-?":
                    Console.WriteLine(Usage);
                    return 0;
                default:
                    Console.Error.WriteLine($"CodeCatalyst.HelpBuilder: error CCHELP: unexpected argument '{args[i]}'");
                    Console.Error.WriteLine(Usage);
                    return 2;
            }
        }

        if (docs is null || output is null)
        {
            Console.Error.WriteLine("CodeCatalyst.HelpBuilder: error CCHELP: both --docs and --out are required");
            Console.Error.WriteLine(Usage);
            return 2;
        }

        HelpBuildResult result;
        try
        {
            result = HelpBuild.Run(docs, output);
        }
        catch (IOException e)
        {
            Console.Error.WriteLine($"CodeCatalyst.HelpBuilder: error CCHELP: {e.Message}");
            return 1;
        }
        catch (UnauthorizedAccessException e)
        {
            Console.Error.WriteLine($"CodeCatalyst.HelpBuilder: error CCHELP: {e.Message}");
            return 1;
        }

        foreach (var error in result.Errors)
        {
            Console.Error.WriteLine(error);
        }

        if (!result.Succeeded)
        {
            Console.Error.WriteLine($"CodeCatalyst.HelpBuilder: {result.Errors.Count} problem(s) in {Path.GetFullPath(docs)}; nothing written.");
            return 1;
        }

        foreach (var file in result.WrittenFiles)
        {
            Console.WriteLine($"CodeCatalyst.HelpBuilder: wrote {file}");
        }

        Console.WriteLine($"CodeCatalyst.HelpBuilder: {result.Commands.Count} command(s), {result.WrittenFiles.Count} file(s) written, {result.UnchangedFiles.Count} unchanged.");
        return 0;
    }
}
