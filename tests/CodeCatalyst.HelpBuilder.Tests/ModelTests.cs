using System.Linq;

namespace CodeCatalyst.HelpBuilder.Tests;

public class ModelTests
{
    private static CommandHelp Sample() => MarkdownHelp.ParseText(SamplePages.Valid, "Get-SampleItem.md");

    [Fact]
    public void Front_matter_is_exposed()
    {
        var help = Sample();
        Assert.Equal("Sample.dll-Help.xml", help.ExternalHelpFile);
        Assert.Equal("Sample", help.ModuleName);
        Assert.Equal("2.0.0", help.SchemaVersion);
        Assert.Equal("https://example.com/help/Get-SampleItem", help.OnlineVersion);
    }

    [Fact]
    public void Parameter_sets_and_their_members_are_resolved()
    {
        var help = Sample();
        Assert.Equal("ByName", help.DefaultParameterSetName);
        Assert.Equal(new[] { "ByName", "ByPath" }, help.ParameterSetNames);
        Assert.Equal(new[] { "Name", "Force" }, help.ParametersBySet["ByName"]);
        Assert.Equal(new[] { "Name", "Path", "Force" }, help.ParametersBySet["byPath"]);
        Assert.True(help.SupportsCommonParameters);
    }

    [Fact]
    public void Per_set_metadata_is_available()
    {
        var name = Sample().FindParameter("-Name")!;
        Assert.False(name.GetMetadataFor("ByName")!.Required);
        Assert.Equal(0, name.GetMetadataFor("ByName")!.PositionNumber);
        Assert.True(name.GetMetadataFor("ByPath")!.Required);
        Assert.Null(name.GetMetadataFor("ByPath")!.PositionNumber);
        Assert.True(name.Metadata[0].ValueFromPipeline);
        Assert.True(name.Metadata[0].ValueFromPipelineByPropertyName);
        Assert.Equal(new[] { "N", "ItemName" }, name.Metadata[0].Aliases);

        var force = Sample().FindParameter("Force")!;
        Assert.True(force.InAllSets);
        Assert.True(force.Metadata[0].IsSwitch);
    }

    [Fact]
    public void Example_introduction_is_kept_in_the_model()
    {
        var markdown = SamplePages.ValidWith("### Example 1: Get everything\n", "### Example 1: Get everything\n\nIntro text.\n\n");
        var example = MarkdownHelp.ParseText(markdown, "x.md").Examples[0];
        Assert.Equal(new[] { "Intro text." }, example.Introduction);
        Assert.Equal(new[] { "Get-SampleItem" }, example.Code);
    }
}
