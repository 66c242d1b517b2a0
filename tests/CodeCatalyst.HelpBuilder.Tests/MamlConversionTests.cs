using System.Linq;
using System.Xml.Linq;
using static CodeCatalyst.HelpBuilder.MamlWriter;

namespace CodeCatalyst.HelpBuilder.Tests;

public class MamlConversionTests
{
    private static XElement Convert(string markdown)
    {
        var help = MarkdownHelp.ParseText(markdown, "Get-SampleItem.md");
        var document = MamlWriter.Build(new[] { help });
        return document.Root!.Element(Command + "command")!;
    }

    private static XElement Sample() => Convert(SamplePages.Valid);

    private static string[] Paras(XElement? parent) =>
        parent!.Elements(Maml + "para").Select(p => p.Value).ToArray();

    [Fact]
    public void Root_is_a_maml_helpItems_element()
    {
        var document = MamlWriter.Build(new[] { MarkdownHelp.ParseText(SamplePages.Valid, "Get-SampleItem.md") });
        Assert.Equal(Msh + "helpItems", document.Root!.Name);
        Assert.Equal("maml", (string?)document.Root.Attribute("schema"));
    }

    [Fact]
    public void Details_hold_name_verb_noun_and_synopsis()
    {
        var details = Sample().Element(Command + "details")!;
        Assert.Equal("Get-SampleItem", details.Element(Command + "name")!.Value);
        Assert.Equal("Get", details.Element(Command + "verb")!.Value);
        Assert.Equal("SampleItem", details.Element(Command + "noun")!.Value);
        Assert.Equal(new[] { "Gets sample items." }, Paras(details.Element(Maml + "description")));
    }

    [Fact]
    public void Description_paragraphs_are_unwrapped_and_emphasis_is_dropped()
    {
        Assert.Equal(
            new[] { "First paragraph of the description, wrapped over two lines.", "Second paragraph with bold text." },
            Paras(Sample().Element(Maml + "description")));
    }

    [Fact]
    public void Syntax_has_one_item_per_parameter_set_in_order_of_first_use()
    {
        var items = Sample().Element(Command + "syntax")!.Elements(Command + "syntaxItem").ToList();
        Assert.Equal(2, items.Count);
        Assert.All(items, i => Assert.Equal("Get-SampleItem", i.Element(Maml + "name")!.Value));

        string[] Names(XElement item) => item.Elements(Command + "parameter").Select(p => p.Element(Maml + "name")!.Value).ToArray();
        Assert.Equal(new[] { "Name", "Force" }, Names(items[0]));

        // ByPath: sorted by position, so positional-free order stays as in the page.
        Assert.Equal(new[] { "Name", "Path", "Force" }, Names(items[1]));
    }

    [Fact]
    public void A_parameter_with_two_yaml_blocks_uses_the_block_of_each_set()
    {
        var items = Sample().Element(Command + "syntax")!.Elements(Command + "syntaxItem").ToList();
        XElement NameIn(XElement item) => item.Elements(Command + "parameter").Single(p => p.Element(Maml + "name")!.Value == "Name");

        Assert.Equal("false", (string?)NameIn(items[0]).Attribute("required"));
        Assert.Equal("0", (string?)NameIn(items[0]).Attribute("position"));
        Assert.Equal("true", (string?)NameIn(items[1]).Attribute("required"));
        Assert.Equal("named", (string?)NameIn(items[1]).Attribute("position"));

        // The parameters section shows the first block.
        var listed = Sample().Element(Command + "parameters")!.Elements(Command + "parameter").First();
        Assert.Equal("Name", listed.Element(Maml + "name")!.Value);
        Assert.Equal("false", (string?)listed.Attribute("required"));
    }

    [Fact]
    public void Parameter_attributes_follow_platyPS()
    {
        var name = Sample().Element(Command + "parameters")!.Elements(Command + "parameter")
            .Single(p => p.Element(Maml + "name")!.Value == "Name");

        Assert.Equal(
            new[] { "required", "variableLength", "globbing", "pipelineInput", "position", "aliases" },
            name.Attributes().Select(a => a.Name.LocalName).ToArray());
        Assert.Equal("true", (string?)name.Attribute("variableLength"));
        Assert.Equal("true", (string?)name.Attribute("globbing"));
        Assert.Equal("True (ByPropertyName, ByValue)", (string?)name.Attribute("pipelineInput"));
        Assert.Equal("N, ItemName", (string?)name.Attribute("aliases"));
        Assert.Equal(new[] { "The names of the items." }, Paras(name.Element(Maml + "description")));

        var value = name.Element(Command + "parameterValue")!;
        Assert.Equal("String[]", value.Value);
        Assert.Equal("true", (string?)value.Attribute("required"));
        Assert.Equal("false", (string?)value.Attribute("variableLength"));
        Assert.Equal("String[]", name.Element(Dev + "type")!.Element(Maml + "name")!.Value);
        Assert.NotNull(name.Element(Dev + "type")!.Element(Maml + "uri"));
        Assert.Equal("None", name.Element(Dev + "defaultValue")!.Value);
    }

    [Fact]
    public void Switch_parameters_default_to_False_and_have_no_value_in_syntax()
    {
        var command = Sample();
        var listed = command.Element(Command + "parameters")!.Elements(Command + "parameter")
            .Single(p => p.Element(Maml + "name")!.Value == "Force");
        Assert.Equal("none", (string?)listed.Attribute("aliases"));
        Assert.Equal("False", listed.Element(Dev + "defaultValue")!.Value);
        Assert.Equal("false", (string?)listed.Element(Command + "parameterValue")!.Attribute("required"));

        var inSyntax = command.Element(Command + "syntax")!.Elements(Command + "syntaxItem").First()
            .Elements(Command + "parameter").Single(p => p.Element(Maml + "name")!.Value == "Force");
        Assert.Null(inSyntax.Element(Command + "parameterValue"));
    }

    [Fact]
    public void Accepted_values_become_a_value_group_in_syntax_only()
    {
        var command = Sample();
        var inSyntax = command.Element(Command + "syntax")!.Elements(Command + "syntaxItem").Last()
            .Elements(Command + "parameter").Single(p => p.Element(Maml + "name")!.Value == "Path");
        var group = inSyntax.Element(Command + "parameterValueGroup")!;
        Assert.Equal(new[] { "A", "B" }, group.Elements(Command + "parameterValue").Select(v => v.Value).ToArray());

        var listed = command.Element(Command + "parameters")!.Elements(Command + "parameter")
            .Single(p => p.Element(Maml + "name")!.Value == "Path");
        Assert.Null(listed.Element(Command + "parameterValueGroup"));
    }

    [Fact]
    public void Inputs_outputs_and_notes_are_rendered()
    {
        var command = Sample();
        var input = command.Element(Command + "inputTypes")!.Element(Command + "inputType")!;
        Assert.Equal("System.String[]", input.Element(Dev + "type")!.Element(Maml + "name")!.Value);
        Assert.Equal(new[] { "Names." }, Paras(input.Element(Maml + "description")));

        var output = command.Element(Command + "returnValues")!.Element(Command + "returnValue")!;
        Assert.Equal("Sample.Item", output.Element(Dev + "type")!.Element(Maml + "name")!.Value);

        Assert.Equal(new[] { "A note." }, Paras(command.Element(Maml + "alertSet")!.Element(Maml + "alert")));
    }

    [Fact]
    public void Examples_have_padded_titles_code_and_remarks()
    {
        var examples = Sample().Element(Command + "examples")!.Elements(Command + "example").ToList();
        Assert.Equal(2, examples.Count);

        var title = examples[0].Element(Maml + "title")!.Value;
        Assert.Equal(new string('-', 18) + " Example 1: Get everything " + new string('-', 18), title);
        Assert.Equal("Get-SampleItem", examples[0].Element(Dev + "code")!.Value);
        Assert.Equal(new[] { "Gets every item." }, Paras(examples[0].Element(Dev + "remarks")));

        Assert.Equal("Get-SampleItem -Name a\n\na", examples[1].Element(Dev + "code")!.Value);
        Assert.Equal(new[] { "First remark.", "Second remark." }, Paras(examples[1].Element(Dev + "remarks")));
    }

    [Theory]
    [InlineData("Example 1", 26)]
    [InlineData("Example 10", 26)]
    [InlineData("Example 2: Start the build workflow and wait", 9)]
    public void Example_titles_are_centred_in_dashes(string title, int dashes)
    {
        var padded = MamlWriter.PadExampleTitle(title);
        Assert.Equal(new string('-', dashes) + " " + title + " " + new string('-', dashes), padded);
        Assert.True(padded.Length is 63 or 64);
    }

    [Fact]
    public void Long_example_titles_are_not_padded()
    {
        var title = new string('x', 62);
        Assert.Equal(title, MamlWriter.PadExampleTitle(title));
    }

    [Fact]
    public void Related_links_start_with_the_online_version_and_keep_only_absolute_uris()
    {
        var links = Sample().Element(Command + "relatedLinks")!.Elements(Maml + "navigationLink")
            .Select(l => (Text: l.Element(Maml + "linkText")!.Value, Uri: l.Element(Maml + "uri")!.Value))
            .ToArray();

        Assert.Equal(
            new[]
            {
                ("Online Version:", "https://example.com/help/Get-SampleItem"),
                ("Set-SampleItem", ""),
                ("Project site", "https://example.com/sample"),
            },
            links);
    }

    [Fact]
    public void A_page_whose_parameters_are_all_in_every_set_has_one_syntax_item()
    {
        var markdown = SamplePages.Valid;
        markdown = markdown.Substring(0, markdown.IndexOf("### -Name", System.StringComparison.Ordinal))
                   + markdown.Substring(markdown.IndexOf("### -Force", System.StringComparison.Ordinal));
        markdown = markdown.Replace("""
### ByName (Default)
```
Get-SampleItem [[-Name] <String[]>] [-Force] [<CommonParameters>]
```

### ByPath
```
Get-SampleItem -Path <String> [-Name <String[]>] [-Force] [<CommonParameters>]
```
""", """
```
Get-SampleItem [-Force] [<CommonParameters>]
```
""");
        var help = MarkdownHelp.ParseText(markdown, "Get-SampleItem.md");
        Assert.Equal(new[] { CommandHelp.AllParameterSetsName }, help.ParameterSetNames);

        var items = MamlWriter.Build(new[] { help }).Root!.Element(Command + "command")!
            .Element(Command + "syntax")!.Elements(Command + "syntaxItem").ToList();
        Assert.Single(items);
        Assert.Equal("Force", items[0].Element(Command + "parameter")!.Element(Maml + "name")!.Value);
    }

    [Fact]
    public void Rendering_is_deterministic_utf8_without_bom()
    {
        var first = MamlWriter.Render(new[] { MarkdownHelp.ParseText(SamplePages.Valid, "a.md") });
        var second = MamlWriter.Render(new[] { MarkdownHelp.ParseText(SamplePages.Valid.Replace("\n", "\r\n"), "b.md") });
        Assert.Equal(first, second);
        Assert.NotEqual(0xEF, first[0]);
        var text = System.Text.Encoding.UTF8.GetString(first);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<helpItems schema=\"maml\" xmlns=\"http://msh\">", text);
        Assert.DoesNotContain("\r", text);
    }
}
