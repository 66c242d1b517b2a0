using System;
using System.IO;

namespace CodeCatalyst.HelpBuilder.Tests;

public sealed class CommandLineTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "cc-helpbuilder-cli-" + Guid.NewGuid().ToString("N"));

    public CommandLineTests() => Directory.CreateDirectory(Path.Combine(_dir, "docs"));

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Docs => Path.Combine(_dir, "docs");
    private string Out => Path.Combine(_dir, "out", "Sample.dll-Help.xml");

    [Fact]
    public void Missing_arguments_exit_with_2()
    {
        Assert.Equal(2, Program.Main(new[] { "--docs", Docs }));
        Assert.Equal(2, Program.Main(new[] { "--bogus" }));
    }

    [Fact]
    public void Valid_folder_exits_with_0_and_skips_about_pages_for_maml()
    {
        File.WriteAllText(Path.Combine(Docs, "Get-SampleItem.md"), SamplePages.Valid);
        File.WriteAllText(Path.Combine(Docs, "about_Sample.md"), "# Sample\n## about_Sample\n\n# SHORT DESCRIPTION\nShort.\n\n# LONG DESCRIPTION\nLong.\n");
        Assert.Equal(0, Program.Main(new[] { "--docs", Docs, "--out", Out }));
        Assert.True(File.Exists(Out));
        Assert.Equal("TOPIC\n    about_sample\n\nSHORT DESCRIPTION\n    Short.\n\nLONG DESCRIPTION\n    Long.\n\n",
            File.ReadAllText(Path.Combine(_dir, "out", "about_Sample.help.txt")));
    }

    [Fact]
    public void Malformed_page_exits_with_1_names_file_and_line_and_writes_nothing()
    {
        File.WriteAllText(Path.Combine(Docs, "Get-SampleItem.md"), SamplePages.ValidWith("## NOTES\nA note.\n\n", ""));
        var error = new StringWriter();
        var previous = Console.Error;
        Console.SetError(error);
        try
        {
            Assert.Equal(1, Program.Main(new[] { "--docs", Docs, "--out", Out }));
        }
        finally
        {
            Console.SetError(previous);
        }

        Assert.Contains("Get-SampleItem.md(8): error CCHELP: missing section '## NOTES'", error.ToString());
        Assert.False(File.Exists(Out));
    }

    [Fact]
    public void External_help_file_must_match_the_output_name()
    {
        File.WriteAllText(Path.Combine(Docs, "Get-SampleItem.md"), SamplePages.Valid);
        var result = HelpBuild.Run(Docs, Path.Combine(_dir, "out", "Other.dll-Help.xml"));
        Assert.False(result.Succeeded);
        Assert.Contains("does not match the output file", Assert.Single(result.Errors));
    }

    [Fact]
    public void File_name_must_match_the_command()
    {
        File.WriteAllText(Path.Combine(Docs, "Get-Other.md"), SamplePages.Valid);
        var result = HelpBuild.Run(Docs, Out);
        Assert.Contains("file is named 'Get-Other.md'", Assert.Single(result.Errors));
    }
}
