namespace CodeCatalyst.HelpBuilder.Tests;

public class MalformedPageTests
{
    private static HelpFormatException Reject(string markdown)
    {
        var error = Assert.Throws<HelpFormatException>(() => MarkdownHelp.ParseText(markdown, "docs/Get-SampleItem.md"));
        Assert.Equal("docs/Get-SampleItem.md", error.FilePath);
        Assert.StartsWith($"docs/Get-SampleItem.md({error.Line}): error CCHELP: ", error.Message);
        return error;
    }

    private static int LineOf(string markdown, string text) =>
        markdown.Substring(0, markdown.IndexOf(text, System.StringComparison.Ordinal)).Split('\n').Length;

    [Fact]
    public void Missing_section_is_named()
    {
        var markdown = SamplePages.ValidWith("## NOTES\nA note.\n\n", "");
        var error = Reject(markdown);
        Assert.Contains("missing section '## NOTES'", error.Message);
        Assert.Equal(LineOf(markdown, "# Get-SampleItem"), error.Line);
    }

    [Fact]
    public void Parameter_without_yaml_block_is_rejected_at_its_heading()
    {
        var markdown = SamplePages.ValidWith("""
### -Path
The path of the item.

```yaml
Type: String
Parameter Sets: ByPath
Aliases:
Accepted values: A, B

Required: True
Position: Named
Default value: None
Accept pipeline input: False
Accept wildcard characters: False
```
""", """
### -Path
The path of the item.
""");
        var error = Reject(markdown);
        Assert.Contains("parameter -Path has no ```yaml metadata block", error.Message);
        Assert.Equal(LineOf(markdown, "### -Path"), error.Line);
    }

    [Fact]
    public void Invalid_pipeline_input_value_is_rejected()
    {
        var markdown = SamplePages.ValidWith("Accept pipeline input: True (ByPropertyName, ByValue)\nAccept wildcard characters: True\n```\n\n```yaml",
            "Accept pipeline input: Yes\nAccept wildcard characters: True\n```\n\n```yaml");
        Assert.Contains("'Accept pipeline input' must be", Reject(markdown).Message);
    }

    [Fact]
    public void Unknown_yaml_key_is_rejected_with_its_line()
    {
        var markdown = SamplePages.ValidWith("Aliases: N, ItemName\n\nRequired: False", "Alias: N\n\nRequired: False");
        var error = Reject(markdown);
        Assert.Contains("unknown yaml key 'Alias'", error.Message);
        Assert.Equal(LineOf(markdown, "Alias: N"), error.Line);
    }

    [Fact]
    public void Unknown_section_is_rejected()
    {
        Assert.Contains("unknown section '## REMARKS'", Reject(SamplePages.ValidWith("## NOTES", "## REMARKS")).Message);
    }

    [Fact]
    public void Missing_command_heading_is_rejected()
    {
        Assert.Contains("level-1 heading", Reject(SamplePages.ValidWith("# Get-SampleItem", "Get-SampleItem")).Message);
    }

    [Fact]
    public void Unclosed_code_fence_is_rejected()
    {
        var markdown = SamplePages.Valid + "\n```powershell\nGet-SampleItem\n";
        var error = Reject(markdown);
        Assert.Contains("code fence is never closed", error.Message);
        Assert.Equal(markdown.Split('\n').Length - 2, error.Line);
    }

    [Fact]
    public void Example_without_code_is_rejected()
    {
        var markdown = SamplePages.ValidWith("### Example 1: Get everything\n```powershell\nGet-SampleItem\n```\n", "### Example 1: Get everything\n");
        Assert.Contains("has no code fence", Reject(markdown).Message);
    }

    [Fact]
    public void A_set_in_SYNTAX_that_no_parameter_names_is_rejected()
    {
        var markdown = SamplePages.ValidWith("### ByPath\n```\nGet-SampleItem -Path <String> [-Name <String[]>] [-Force] [<CommonParameters>]\n```\n",
            "### ByPath\n```\nGet-SampleItem -Path <String> [-Name <String[]>] [-Force] [<CommonParameters>]\n```\n\n### Extra\n```\nGet-SampleItem [-Force]\n```\n");
        Assert.Contains("'Extra'", Reject(markdown).Message);
    }

    [Fact]
    public void A_set_used_by_a_parameter_but_missing_from_SYNTAX_is_rejected()
    {
        var markdown = SamplePages.ValidWith("Parameter Sets: ByPath\nAliases:\nAccepted values", "Parameter Sets: ByPath, Other\nAliases:\nAccepted values");
        Assert.Contains("'Other'", Reject(markdown).Message);
    }

    [Fact]
    public void Related_links_must_be_links()
    {
        var markdown = SamplePages.ValidWith("[Set-SampleItem](Set-SampleItem.md)", "See Set-SampleItem");
        var error = Reject(markdown);
        Assert.Contains("expected a '[text](uri)' link", error.Message);
        Assert.Equal(LineOf(markdown, "See Set-SampleItem"), error.Line);
    }

    [Fact]
    public void Missing_CommonParameters_is_rejected()
    {
        Assert.Contains("CommonParameters", Reject(SamplePages.ValidWith("### CommonParameters\nBoilerplate that is ignored.\n", "")).Message);
    }
}
