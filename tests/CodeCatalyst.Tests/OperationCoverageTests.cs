using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using CodeCatalyst.Tests.Infrastructure;
using CodeCatalyst.WireGen;
using Xunit;

namespace CodeCatalyst.Tests
{
    /// <summary>
    /// The operation table against the module itself: every mapped cmdlet exists, and every input member of its
    /// operation is one of its parameters (PascalCase, singular for lists, or an alias), or has a written reason.
    /// </summary>
    public sealed class OperationCoverageTests : IDisposable
    {
        /// <summary>
        /// Cmdlets of each service's table still being written (issue 8 for Amplify). The test fails when one of them
        /// exists, or when a cmdlet of the table is missing without being listed here: the lists can only shrink.
        /// </summary>
        private static readonly Dictionary<string, string[]> NotYetWritten = new()
        {
            ["codecatalyst"] = System.Array.Empty<string>(),
            ["amplify"] = System.Array.Empty<string>(),
        };

        private static readonly string Root = Directory.GetParent(RepositoryPaths.Docs)!.FullName;

        /// <summary>Every service the wire generator knows, by its botocore name.</summary>
        public static IEnumerable<object[]> Services => ServiceTarget.All.Select(target => new object[] { target.BotocoreService });

        private static (ServiceSpec Spec, OperationTable Table) Load(string service)
        {
            var target = ServiceTarget.All.Single(candidate => candidate.BotocoreService == service);
            return (ServiceSpec.FromJson(File.ReadAllText(Path.Combine(Root, target.SpecPath))),
                OperationTable.Parse(File.ReadAllText(Path.Combine(Root, target.TablePath))));
        }

        private readonly PowerShellSession _shell = new();

        public void Dispose() => _shell.Dispose();

        [Theory]
        [MemberData(nameof(Services))]
        public void Every_cmdlet_of_the_table_exists_unless_it_is_still_being_written(string service)
        {
            var (_, table) = Load(service);
            var exported = ManifestCmdlets.Names();
            var missing = table.Rows.Select(row => row.Cmdlet).Distinct().Where(name => !exported.Contains(name)).OrderBy(name => name, StringComparer.Ordinal);
            Assert.Equal(NotYetWritten[service].OrderBy(name => name, StringComparer.Ordinal), missing);
        }

        [Theory]
        [MemberData(nameof(Services))]
        public void Every_input_member_is_a_parameter_of_its_cmdlet_or_has_a_reason(string service)
        {
            var (spec, table) = Load(service);
            var exported = ManifestCmdlets.Names();
            var gaps = new List<string>();
            foreach (var row in table.Rows.Where(row => exported.Contains(row.Cmdlet)))
            {
                var operation = spec.Operation(row.Operation);
                if (operation.Input == null) continue;
                var command = (CmdletInfo)_shell.Run("Get-Command $args[0]", row.Cmdlet).Output.Single().BaseObject;
                var names = new HashSet<string>(command.Parameters.Values.SelectMany(parameter => parameter.Aliases.Append(parameter.Name)), StringComparer.OrdinalIgnoreCase);
                foreach (var member in spec.Shape(operation.Input).Members!)
                {
                    if (operation.Paginator != null && (member.Name == operation.Paginator.InputToken || member.Name == operation.Paginator.LimitKey)) continue;
                    if (table.UnmappedMembers.Any(unmapped => unmapped.Operation == row.Operation && unmapped.Member == member.Name)) continue;
                    var pascal = char.ToUpperInvariant(member.Name[0]) + member.Name.Substring(1);
                    var singular = pascal.EndsWith("ies", StringComparison.Ordinal) ? pascal[..^3] + "y" : pascal.EndsWith('s') ? pascal[..^1] : pascal;
                    if (!names.Contains(pascal) && !names.Contains(singular)) gaps.Add($"{row.Cmdlet} ({row.Operation}) has no parameter for '{member.Name}'");
                }
            }

            Assert.True(gaps.Count == 0, string.Join("\n", gaps));
        }

        [Theory]
        [MemberData(nameof(Services))]
        public void The_pipeline_keys_of_the_table_bind_by_property_name(string service)
        {
            var (_, table) = Load(service);
            var exported = ManifestCmdlets.Names();
            var gaps = new List<string>();
            foreach (var row in table.Rows.Where(row => exported.Contains(row.Cmdlet)))
            {
                var command = (CmdletInfo)_shell.Run("Get-Command $args[0]", row.Cmdlet).Output.Single().BaseObject;
                foreach (var key in row.PipelineKeys)
                {
                    var bound = command.Parameters.Values.Any(parameter =>
                        (parameter.Name.Equals(key, StringComparison.OrdinalIgnoreCase) || parameter.Aliases.Contains(key, StringComparer.OrdinalIgnoreCase))
                        && parameter.ParameterSets.Values.Any(set => set.ValueFromPipelineByPropertyName));
                    if (!bound) gaps.Add($"{row.Cmdlet} ({row.Operation}) does not bind -{key} by property name");
                }
            }

            Assert.True(gaps.Count == 0, string.Join("\n", gaps));
        }
    }
}
