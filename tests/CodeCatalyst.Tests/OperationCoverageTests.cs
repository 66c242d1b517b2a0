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
        /// Cmdlets of the table still being written (issue 7). The test fails when one of them exists, or when a
        /// cmdlet of the table is missing without being listed here: the list can only shrink.
        /// </summary>
        private static readonly string[] NotYetWritten = System.Array.Empty<string>();

        private static readonly string Root = Directory.GetParent(RepositoryPaths.Docs)!.FullName;
        private static readonly ServiceSpec Spec = ServiceSpec.FromJson(File.ReadAllText(Path.Combine(Root, WireGeneration.SpecPath)));
        private static readonly OperationTable Table = OperationTable.Parse(File.ReadAllText(Path.Combine(Root, WireGeneration.TablePath)));

        private readonly PowerShellSession _shell = new();

        public void Dispose() => _shell.Dispose();

        [Fact]
        public void Every_cmdlet_of_the_table_exists_unless_it_is_still_being_written()
        {
            var exported = ManifestCmdlets.Names();
            var missing = Table.Rows.Select(row => row.Cmdlet).Distinct().Where(name => !exported.Contains(name)).OrderBy(name => name, StringComparer.Ordinal);
            Assert.Equal(NotYetWritten.OrderBy(name => name, StringComparer.Ordinal), missing);
        }

        [Fact]
        public void Every_input_member_is_a_parameter_of_its_cmdlet_or_has_a_reason()
        {
            var exported = ManifestCmdlets.Names();
            var gaps = new List<string>();
            foreach (var row in Table.Rows.Where(row => exported.Contains(row.Cmdlet)))
            {
                var operation = Spec.Operation(row.Operation);
                if (operation.Input == null) continue;
                var command = (CmdletInfo)_shell.Run("Get-Command $args[0]", row.Cmdlet).Output.Single().BaseObject;
                var names = new HashSet<string>(command.Parameters.Values.SelectMany(parameter => parameter.Aliases.Append(parameter.Name)), StringComparer.OrdinalIgnoreCase);
                foreach (var member in Spec.Shape(operation.Input).Members!)
                {
                    if (operation.Paginator != null && (member.Name == operation.Paginator.InputToken || member.Name == operation.Paginator.LimitKey)) continue;
                    if (Table.UnmappedMembers.Any(unmapped => unmapped.Operation == row.Operation && unmapped.Member == member.Name)) continue;
                    var pascal = char.ToUpperInvariant(member.Name[0]) + member.Name.Substring(1);
                    var singular = pascal.EndsWith("ies", StringComparison.Ordinal) ? pascal[..^3] + "y" : pascal.EndsWith('s') ? pascal[..^1] : pascal;
                    if (!names.Contains(pascal) && !names.Contains(singular)) gaps.Add($"{row.Cmdlet} ({row.Operation}) has no parameter for '{member.Name}'");
                }
            }

            Assert.True(gaps.Count == 0, string.Join("\n", gaps));
        }

        [Fact]
        public void The_pipeline_keys_of_the_table_bind_by_property_name()
        {
            var exported = ManifestCmdlets.Names();
            var gaps = new List<string>();
            foreach (var row in Table.Rows.Where(row => exported.Contains(row.Cmdlet)))
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
