using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using static CodeCatalyst.HelpBuilder.MamlWriter;

namespace CodeCatalyst.HelpBuilder.Tests;

/// <summary>Every page in the repository's docs folder must convert and describe its cmdlet completely.</summary>
public class RealDocsTests
{
    public static string RepoRoot { get; } = FindRepoRoot();

    private static string DocsDirectory => Path.Combine(RepoRoot, "docs");

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CodeCatalyst.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"CodeCatalyst.sln not found above {AppContext.BaseDirectory}");
    }

    /// <summary>
    /// The cmdlets the module manifest exports (which ModuleLayoutTests holds to the cmdlets the assembly defines),
    /// in the order the pages are read: a new cmdlet without a page, or a page without a cmdlet, fails here.
    /// </summary>
    public static readonly string[] ExpectedCommands = ReadManifestCmdlets();

    private static string[] ReadManifestCmdlets()
    {
        var manifest = File.ReadAllText(Path.Combine(RepoRoot, "CodeCatalyst.psd1"));
        var list = Regex.Match(manifest, @"CmdletsToExport\s*=\s*@\((?<names>[^)]*)\)");
        if (!list.Success)
        {
            throw new InvalidOperationException("CodeCatalyst.psd1 has no CmdletsToExport = @(...) list");
        }

        var names = Regex.Matches(list.Groups["names"].Value, "'(?<name>[^']+)'").Select(m => m.Groups["name"].Value)
            .OrderBy(name => name, StringComparer.OrdinalIgnoreCase).ThenBy(name => name, StringComparer.Ordinal).ToArray();
        return names.Length > 0 ? names : throw new InvalidOperationException("CodeCatalyst.psd1 exports no cmdlet");
    }

    public static IEnumerable<object[]> Pages() =>
        HelpBuild.FindCommandPages(DocsDirectory).Select(p => new object[] { Path.GetFileName(p) });

    private static CommandHelp Load(string fileName) => MarkdownHelp.Parse(Path.Combine(DocsDirectory, fileName));

    [Fact]
    public void Every_cmdlet_has_a_page()
    {
        var names = HelpBuild.FindCommandPages(DocsDirectory).Select(Path.GetFileNameWithoutExtension).ToArray();
        Assert.Equal(ExpectedCommands, names);
        Assert.True(File.Exists(Path.Combine(DocsDirectory, "about_CodeCatalyst.md")));
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void Page_parses_and_is_complete(string fileName)
    {
        var help = Load(fileName);
        Assert.Equal(Path.GetFileNameWithoutExtension(fileName), help.Name);
        Assert.Equal("CodeCatalyst.dll-Help.xml", help.ExternalHelpFile);
        Assert.Equal("CodeCatalyst", help.ModuleName);
        Assert.Equal("2.0.0", help.SchemaVersion);
        Assert.True(help.Metadata.ContainsKey("online version"));
        Assert.True(help.Examples.Count >= 2, $"{fileName} has {help.Examples.Count} example(s)");
        Assert.All(help.Examples, e => Assert.NotEmpty(e.Remarks));
        Assert.All(help.Examples, e => Assert.Empty(e.Introduction));
        Assert.NotEmpty(help.Inputs);
        Assert.NotEmpty(help.Outputs);
        Assert.NotEmpty(help.RelatedLinks);
        Assert.True(help.SupportsCommonParameters);
        if (help.Syntax.Count > 1)
        {
            Assert.Equal(help.DefaultParameterSetName, help.ParameterSetNames[0]);
        }
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void Page_converts_to_maml(string fileName)
    {
        var help = Load(fileName);
        var command = MamlWriter.Build(new[] { help }).Root!.Element(Command + "command")!;
        Assert.Equal(help.ParameterSetNames.Count, command.Element(Command + "syntax")!.Elements(Command + "syntaxItem").Count());
        Assert.Equal(help.Parameters.Count, command.Element(Command + "parameters")!.Elements(Command + "parameter").Count());
        Assert.Equal(help.Examples.Count, command.Element(Command + "examples")!.Elements(Command + "example").Count());
    }

    private static readonly string[] ServiceParameters = { "EndpointUrl", "Token", "ProfileName" };

    [Theory]
    [InlineData("Get-CCWorkflow", true, false)]
    [InlineData("Get-CCWorkflowRun", true, false)]
    [InlineData("Start-CCWorkflowRun", false, true)]
    [InlineData("Wait-CCWorkflowRun", false, false)]
    [InlineData("Test-CCSession", false, false)]
    [InlineData("Connect-CCAccount", false, true)]
    [InlineData("Disconnect-CCAccount", false, true)]
    [InlineData("Get-CCSpace", true, false)]
    [InlineData("Update-CCSpace", false, true)]
    [InlineData("Remove-CCSpace", false, true)]
    [InlineData("Get-CCSubscription", false, false)]
    [InlineData("Get-CCProject", true, false)]
    [InlineData("New-CCProject", false, true)]
    [InlineData("Update-CCProject", false, true)]
    [InlineData("Remove-CCProject", false, true)]
    [InlineData("Get-CCSourceRepository", true, false)]
    [InlineData("New-CCSourceRepository", false, true)]
    [InlineData("Remove-CCSourceRepository", false, true)]
    [InlineData("Get-CCSourceRepositoryCloneUrl", false, false)]
    [InlineData("Get-CCSourceRepositoryBranch", true, false)]
    [InlineData("New-CCSourceRepositoryBranch", false, true)]
    [InlineData("Get-CCAccessToken", true, false)]
    [InlineData("New-CCAccessToken", false, true)]
    [InlineData("Remove-CCAccessToken", false, true)]
    [InlineData("Get-CCUser", false, false)]
    [InlineData("Get-CCEventLog", true, false)]
    public void Paging_and_ShouldProcess_parameters_are_documented_as_platyPS_does(string command, bool paging, bool shouldProcess)
    {
        var help = Load(command + ".md");
        void Check(string name, string type, string alias, string? onlySet = null)
        {
            var parameter = help.FindParameter(name);
            Assert.True(parameter is not null, $"{command} lacks -{name}");
            var meta = Assert.Single(parameter!.Metadata);
            if (onlySet == null) Assert.True(meta.IsAllSets);
            else Assert.Equal(new[] { onlySet }, meta.ParameterSets);
            Assert.Equal(type, meta.Type);
            Assert.Equal(alias.Length == 0 ? Array.Empty<string>() : new[] { alias }, meta.Aliases);
            Assert.False(meta.Required);
        }

        if (paging)
        {
            // Only where the cmdlet lists: a get by id has nothing to page.
            Check("First", "UInt64", "", "List");
            Check("Skip", "UInt64", "", "List");
            Check("IncludeTotalCount", "SwitchParameter", "", "List");
        }
        else
        {
            Assert.Null(help.FindParameter("First"));
        }

        if (shouldProcess)
        {
            Check("WhatIf", "SwitchParameter", "wi");
            Check("Confirm", "SwitchParameter", "cf");
        }
        else
        {
            Assert.Null(help.FindParameter("WhatIf"));
        }
    }

    [Theory]
    [InlineData("Get-CCWorkflow")]
    [InlineData("Get-CCWorkflowRun")]
    [InlineData("Start-CCWorkflowRun")]
    [InlineData("Wait-CCWorkflowRun")]
    [InlineData("Test-CCSession")]
    [InlineData("Get-CCSpace")]
    [InlineData("Update-CCSpace")]
    [InlineData("Remove-CCSpace")]
    [InlineData("Get-CCSubscription")]
    [InlineData("Get-CCProject")]
    [InlineData("New-CCProject")]
    [InlineData("Update-CCProject")]
    [InlineData("Remove-CCProject")]
    [InlineData("Get-CCSourceRepository")]
    [InlineData("New-CCSourceRepository")]
    [InlineData("Remove-CCSourceRepository")]
    [InlineData("Get-CCSourceRepositoryCloneUrl")]
    [InlineData("Get-CCSourceRepositoryBranch")]
    [InlineData("New-CCSourceRepositoryBranch")]
    [InlineData("Get-CCAccessToken")]
    [InlineData("New-CCAccessToken")]
    [InlineData("Remove-CCAccessToken")]
    [InlineData("Get-CCUser")]
    [InlineData("Get-CCEventLog")]
    public void Service_cmdlets_document_endpoint_token_and_profile(string command)
    {
        var help = Load(command + ".md");
        var expectedTypes = new Dictionary<string, string> { ["EndpointUrl"] = "Uri", ["Token"] = "SecureString", ["ProfileName"] = "String" };
        foreach (var name in ServiceParameters)
        {
            var meta = Assert.Single(help.FindParameter(name)!.Metadata);
            Assert.True(meta.IsAllSets, $"{command} -{name}");
            Assert.Equal(expectedTypes[name], meta.Type);
            Assert.False(meta.Required);
            Assert.Equal("False", meta.PipelineInput);
        }
    }

    [Fact]
    public void Get_CCWorkflow_sets_match_the_cmdlet_design()
    {
        var help = Load("Get-CCWorkflow.md");
        Assert.Equal("List", help.DefaultParameterSetName);
        Assert.Equal(new[] { "List", "Id" }, help.ParameterSetNames);
        Assert.Equal(new[] { "SpaceName", "ProjectName" }, help.ParametersBySet["List"].Take(2));
        Assert.Contains("Id", help.ParametersBySet["Id"]);
        Assert.DoesNotContain("Id", help.ParametersBySet["List"]);

        var id = help.FindParameter("Id")!.Metadata.Single();
        Assert.Equal("String[]", id.Type);
        Assert.True(id.Required);
        Assert.Equal(0, id.PositionNumber);
        Assert.Equal("True (ByPropertyName, ByValue)", id.PipelineInput);
    }

    [Fact]
    public void Connect_CCAccount_keeps_all_three_sets()
    {
        var help = Load("Connect-CCAccount.md");
        Assert.Equal(new[] { "Default", "Token", "Profile" }, help.ParameterSetNames);
        Assert.True(help.FindParameter("Token")!.GetMetadataFor("Token")!.Required);
        Assert.Null(help.FindParameter("Token")!.GetMetadataFor("Default"));
        Assert.True(help.FindParameter("ProfileName")!.GetMetadataFor("Profile")!.Required);
        Assert.Equal("Int32", help.FindParameter("MaxAttempts")!.Metadata[0].Type);
    }

    [Theory]
    [InlineData("Get-CCWorkflowRun", "Id", "RunId")]
    [InlineData("Wait-CCWorkflowRun", "Id", "RunId")]
    public void Run_id_parameters_have_the_RunId_alias(string command, string parameter, string alias)
    {
        Assert.Contains(alias, Load(command + ".md").FindParameter(parameter)!.Metadata[0].Aliases);
    }

    [Fact]
    public void About_topic_converts()
    {
        var text = AboutTopic.Convert(Path.Combine(DocsDirectory, "about_CodeCatalyst.md"));
        Assert.StartsWith("TOPIC\n    about_codecatalyst\n\nSHORT DESCRIPTION\n    ", text);
        Assert.Contains("\nLONG DESCRIPTION\n", text);
        Assert.All(text.Split('\n'), line => Assert.True(line.Length <= 80, $"line too long: {line}"));
    }

    [Fact]
    public void Whole_docs_folder_builds_deterministically()
    {
        var output = Path.Combine(Path.GetTempPath(), "cc-helpbuilder-" + Guid.NewGuid().ToString("N"));
        try
        {
            var maml = Path.Combine(output, "en-US", "CodeCatalyst.dll-Help.xml");
            var first = HelpBuild.Run(DocsDirectory, maml);
            Assert.True(first.Succeeded, string.Join(Environment.NewLine, first.Errors));
            Assert.Equal(2, first.WrittenFiles.Count);
            Assert.True(File.Exists(Path.Combine(output, "en-US", "about_CodeCatalyst.help.txt")));
            var bytes = File.ReadAllBytes(maml);

            var second = HelpBuild.Run(DocsDirectory, maml);
            Assert.Empty(second.WrittenFiles);
            Assert.Equal(2, second.UnchangedFiles.Count);
            Assert.Equal(bytes, File.ReadAllBytes(maml));

            var document = XDocument.Load(maml);
            Assert.Equal(ExpectedCommands, document.Root!.Elements(Command + "command")
                .Select(c => c.Element(Command + "details")!.Element(Command + "name")!.Value).ToArray());
        }
        finally
        {
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }
    }
}
