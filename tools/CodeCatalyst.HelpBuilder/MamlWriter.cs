using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace CodeCatalyst.HelpBuilder;

/// <summary>
/// Renders <see cref="CommandHelp"/> pages as a MAML help file in the shape platyPS's New-ExternalHelp writes:
/// details, description, syntax (one item per parameter set, built from the parameters' yaml rather than from
/// the SYNTAX text), parameters, input types, return values, notes, examples and related links.
/// </summary>
public static class MamlWriter
{
    public static readonly XNamespace Msh = "http://msh";
    public static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    public static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    public static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";
    public static readonly XNamespace MSHelp = "http://msdn.microsoft.com/mshelp";

    private const string OnlineVersionLinkText = "Online Version:";
    private const int ExampleTitleWidth = 64;

    public static XDocument Build(IEnumerable<CommandHelp> commands) =>
        new(
            new XDeclaration("1.0", "utf-8", null),
            new XElement(Msh + "helpItems",
                new XAttribute("schema", "maml"),
                commands.Select(CommandElement)));

    /// <summary>The file's exact bytes: UTF-8 without BOM, two-space indentation, LF line ends.</summary>
    public static byte[] Render(IEnumerable<CommandHelp> commands)
    {
        var settings = new XmlWriterSettings
        {
            Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            Indent = true,
            IndentChars = "  ",
            NewLineChars = "\n",
            NewLineHandling = NewLineHandling.Replace,
        };

        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, settings))
        {
            Build(commands).Save(writer);
        }

        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    private static XElement CommandElement(CommandHelp help) =>
        new(Command + "command",
            new XAttribute(XNamespace.Xmlns + "maml", Maml),
            new XAttribute(XNamespace.Xmlns + "command", Command),
            new XAttribute(XNamespace.Xmlns + "dev", Dev),
            new XAttribute(XNamespace.Xmlns + "MSHelp", MSHelp),
            new XElement(Command + "details",
                new XElement(Command + "name", help.Name),
                new XElement(Command + "verb", help.Verb),
                new XElement(Command + "noun", help.Noun),
                new XElement(Maml + "description", Paragraphs(help.Synopsis))),
            new XElement(Maml + "description", Paragraphs(help.Description)),
            new XElement(Command + "syntax", SyntaxItems(help)),
            new XElement(Command + "parameters", help.Parameters.Select(p => ParameterElement(p, p.Metadata[0], inSyntax: false))),
            new XElement(Command + "inputTypes", help.Inputs.Select(i =>
                new XElement(Command + "inputType",
                    new XElement(Dev + "type", new XElement(Maml + "name", i.TypeName)),
                    new XElement(Maml + "description", Paragraphs(i.Description))))),
            new XElement(Command + "returnValues", help.Outputs.Select(o =>
                new XElement(Command + "returnValue",
                    new XElement(Dev + "type", new XElement(Maml + "name", o.TypeName)),
                    new XElement(Maml + "description", Paragraphs(o.Description))))),
            new XElement(Maml + "alertSet",
                new XElement(Maml + "alert", Paragraphs(help.Notes))),
            new XElement(Command + "examples", help.Examples.Select(e =>
                new XElement(Command + "example",
                    new XElement(Maml + "title", PadExampleTitle(e.Title)),
                    new XElement(Dev + "code", string.Join("\n\n", e.Code)),
                    new XElement(Dev + "remarks", Paragraphs(e.Remarks))))),
            new XElement(Command + "relatedLinks", Links(help).Select(l =>
                new XElement(Maml + "navigationLink",
                    new XElement(Maml + "linkText", l.Text),
                    new XElement(Maml + "uri", IsAbsoluteUri(l.Uri) ? l.Uri : string.Empty)))));

    private static IEnumerable<XElement> Paragraphs(IEnumerable<string> paragraphs) =>
        paragraphs.Select(p => new XElement(Maml + "para", p));

    private static IEnumerable<XElement> SyntaxItems(CommandHelp help)
    {
        var named = help.Parameters.SelectMany(p => p.Metadata).SelectMany(m => m.ParameterSets).Any();
        var sets = named ? help.ParameterSetNames : new[] { CommandHelp.AllParameterSetsName };
        foreach (var set in sets)
        {
            var members = help.Parameters
                .Select(p => (Parameter: p, Meta: named ? p.GetMetadataFor(set) : p.Metadata[0]))
                .Where(x => x.Meta is not null)
                .OrderBy(x => x.Meta!.Position, StringComparer.Ordinal);
            yield return new XElement(Command + "syntaxItem",
                new XElement(Maml + "name", help.Name),
                members.Select(x => ParameterElement(x.Parameter, x.Meta!, inSyntax: true)));
        }
    }

    private static XElement ParameterElement(HelpParameter parameter, ParameterMetadata meta, bool inSyntax)
    {
        var type = meta.Type is null ? string.Empty : meta.IsSwitch ? "SwitchParameter" : meta.Type;
        var isSwitch = type is "SwitchParameter" or "System.Management.Automation.SwitchParameter";
        string defaultValue = isSwitch && (string.IsNullOrEmpty(meta.DefaultValue) || meta.DefaultValue == "None")
            ? "False"
            : meta.DefaultValue ?? "None";

        return new XElement(Command + "parameter",
            new XAttribute("required", meta.Required),
            new XAttribute("variableLength", true),
            new XAttribute("globbing", meta.AcceptsWildcards),
            new XAttribute("pipelineInput", meta.PipelineInput),
            new XAttribute("position", meta.Position.ToLowerInvariant()),
            new XAttribute("aliases", meta.Aliases.Count > 0 ? string.Join(", ", meta.Aliases) : "none"),
            new XElement(Maml + "name", parameter.Name),
            new XElement(Maml + "description", Paragraphs(parameter.Description)),
            inSyntax && meta.AcceptedValues.Count > 0
                ? new XElement(Command + "parameterValueGroup", meta.AcceptedValues.Select(v =>
                    new XElement(Command + "parameterValue",
                        new XAttribute("required", false),
                        new XAttribute(Command + "variableLength", false),
                        v)))
                : null,
            inSyntax && isSwitch
                ? null
                : new XElement(Command + "parameterValue",
                    new XAttribute("required", !meta.IsSwitch),
                    new XAttribute("variableLength", false),
                    type),
            new XElement(Dev + "type",
                new XElement(Maml + "name", type),
                new XElement(Maml + "uri")),
            new XElement(Dev + "defaultValue", defaultValue));
    }

    /// <summary>Centres the title in a run of dashes 64 characters wide, as Get-Help output traditionally shows it.</summary>
    public static string PadExampleTitle(string title)
    {
        if (string.IsNullOrWhiteSpace(title) || title.Length >= ExampleTitleWidth - 2)
        {
            return title;
        }

        var dashes = new string('-', (ExampleTitleWidth - 2 - title.Length) / 2);
        return $"{dashes} {title} {dashes}";
    }

    /// <summary>Related links, preceded by an "Online Version:" link when the front matter names a URL the list does not start with.</summary>
    public static IReadOnlyList<RelatedLink> Links(CommandHelp help)
    {
        var links = help.RelatedLinks.ToList();
        var online = help.OnlineVersion;
        if (!string.IsNullOrEmpty(online) && (links.Count == 0 || links[0].Uri != online))
        {
            links.Insert(0, new RelatedLink(OnlineVersionLinkText, online, 0));
        }

        return links;
    }

    /// <summary>Only absolute URIs with a scheme reach MAML; relative links between pages become an empty uri.</summary>
    public static bool IsAbsoluteUri(string uri) =>
        uri.Length > 0 &&
        uri.IndexOf("://", StringComparison.Ordinal) > 0 &&
        Uri.TryCreate(uri, UriKind.Absolute, out var parsed) &&
        !parsed.IsFile;
}
