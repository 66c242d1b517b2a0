using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using CodeCatalyst.HelpBuilder;
using CodeCatalyst.Tests.Infrastructure;
using Xunit;

namespace CodeCatalyst.Tests
{
    /// <summary>Every cmdlet's docs page matches its real parameters, and Get-Help shows the shipped help.</summary>
    public sealed class HelpTests : IDisposable
    {
        private static readonly HashSet<string> CommonParameters = new(StringComparer.OrdinalIgnoreCase)
        {
            "Verbose", "Debug", "ErrorAction", "WarningAction", "InformationAction", "ProgressAction", "ErrorVariable",
            "WarningVariable", "InformationVariable", "OutVariable", "OutBuffer", "PipelineVariable",
        };

        private readonly PowerShellSession _shell = new();

        public void Dispose() => _shell.Dispose();

        /// <summary>Every cmdlet the module defines (found by reflection), so a new cmdlet without a docs page fails here.</summary>
        public static IEnumerable<object[]> Cmdlets() =>
            ModuleLayoutTests.ExpectedCmdlets.Select(name => new object[] { name });

        [Theory]
        [MemberData(nameof(Cmdlets))]
        public void Docs_page_documents_exactly_the_cmdlets_parameters_per_set(string cmdletName)
        {
            var page = MarkdownHelp.Parse(Path.Combine(RepositoryPaths.Docs, cmdletName + ".md"));
            var command = (CmdletInfo)_shell.Run("Get-Command $args[0]", cmdletName).Output.Single().BaseObject;

            foreach (var set in command.ParameterSets)
            {
                var actual = set.Parameters.Where(p => !CommonParameters.Contains(p.Name)).ToList();
                var documented = page.GetParameterNames(set.Name);
                Assert.True(actual.Select(p => p.Name).OrderBy(n => n).SequenceEqual(documented.OrderBy(n => n)),
                    $"{cmdletName} set '{set.Name}': cmdlet has [{string.Join(", ", actual.Select(p => p.Name).OrderBy(n => n))}], " +
                    $"docs have [{string.Join(", ", documented.OrderBy(n => n))}]");

                foreach (var parameter in actual)
                {
                    var metadata = page.FindParameter(parameter.Name)!.GetMetadataFor(set.Name);
                    Assert.True(metadata != null, $"{cmdletName} -{parameter.Name} has no yaml block for set {set.Name}");
                    var where = $"{cmdletName} -{parameter.Name} ({set.Name})";
                    Assert.True(parameter.IsMandatory == metadata!.Required, where + ": Required differs");
                    Assert.True(parameter.ValueFromPipeline == metadata.ValueFromPipeline, where + ": pipeline ByValue differs");
                    Assert.True(parameter.ValueFromPipelineByPropertyName == metadata.ValueFromPipelineByPropertyName,
                        where + ": pipeline ByPropertyName differs");
                    var position = parameter.Position < 0 ? "Named" : parameter.Position.ToString();
                    Assert.True(string.Equals(position, metadata.Position, StringComparison.OrdinalIgnoreCase), where + ": Position differs");
                    Assert.True(parameter.Aliases.OrderBy(a => a).SequenceEqual(metadata.Aliases.Where(a => a != "None").OrderBy(a => a)),
                        where + ": aliases differ");
                    Assert.True(string.Equals(parameter.ParameterType.Name, metadata.Type, StringComparison.OrdinalIgnoreCase),
                        $"{where}: type {parameter.ParameterType.Name} documented as {metadata.Type}");
                }
            }

            var documentedSets = page.ParameterSetNames.ToHashSet();
            Assert.True(documentedSets.SetEquals(command.ParameterSets.Select(s => s.Name)),
                $"{cmdletName}: parameter sets [{string.Join(", ", command.ParameterSets.Select(s => s.Name))}] documented as [{string.Join(", ", documentedSets)}]");
            Assert.True(page.Examples.Count >= 2, cmdletName + " needs at least two examples");
        }

        [Theory]
        [MemberData(nameof(Cmdlets))]
        public void Get_Help_Full_shows_the_shipped_synopsis_parameters_and_examples(string cmdletName)
        {
            var page = MarkdownHelp.Parse(Path.Combine(RepositoryPaths.Docs, cmdletName + ".md"));
            var help = _shell.Run("Get-Help $args[0] -Full", cmdletName).Output.Single();

            Assert.Equal(string.Join(" ", page.Synopsis), help.Properties["Synopsis"].Value?.ToString()?.Trim());
            var examples = (PSObject)help.Properties["examples"].Value;
            var exampleList = LanguagePrimitives.GetEnumerable(((PSObject)examples).Properties["example"].Value)?.Cast<object>().ToList()
                              ?? new List<object> { examples.Properties["example"].Value };
            Assert.Equal(page.Examples.Count, exampleList.Count);
        }

        [Fact]
        public void About_topic_ships_with_the_module()
        {
            var help = _shell.Run("Get-Help about_CodeCatalyst").Output;
            Assert.NotEmpty(help);
            Assert.Contains("AWS_BEARER_TOKEN_CODECATALYST", string.Join("\n", help.Select(h => h.ToString())));
        }
    }
}
