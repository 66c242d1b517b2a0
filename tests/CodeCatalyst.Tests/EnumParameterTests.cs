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
    /// Parameters that carry a model enum (Amplify's JobType and SourceUrlType, CodeCatalyst's InstanceType and
    /// session type, ...) offer exactly the model's values as their [ValidateSet], so a value the service would refuse
    /// is refused before the wire, Tab offers every value, and a model that gains or loses a value fails here once
    /// the spec is regenerated. The operation tables say which cmdlet serves which operation; an input member (or a
    /// member of a structure inside it) maps to the parameter of its name, as in OperationCoverageTests.
    /// </summary>
    public sealed class EnumParameterTests : IDisposable
    {
        private static readonly string Root = Directory.GetParent(RepositoryPaths.Docs)!.FullName;

        private readonly PowerShellSession _shell = new();

        public void Dispose() => _shell.Dispose();

        /// <summary>One parameter of a cmdlet fed by an enum member of the model, with the values each side has.</summary>
        private sealed record EnumParameter(string Cmdlet, string Operation, string MemberPath, string Parameter,
            IReadOnlyList<string> ModelValues, IReadOnlyList<string>? ValidateSetValues);

        private List<EnumParameter> FindEnumParameters()
        {
            var exported = ManifestCmdlets.Names();
            var found = new List<EnumParameter>();
            foreach (var target in ServiceTarget.All)
            {
                var spec = ServiceSpec.FromJson(File.ReadAllText(Path.Combine(Root, target.SpecPath)));
                var table = OperationTable.Parse(File.ReadAllText(Path.Combine(Root, target.TablePath)));
                foreach (var row in table.Rows.Where(row => exported.Contains(row.Cmdlet)))
                {
                    var operation = spec.Operation(row.Operation);
                    if (operation.Input == null) continue;
                    var command = (CmdletInfo)_shell.Run("Get-Command $args[0]", row.Cmdlet).Output.Single().BaseObject;
                    foreach (var (path, member, values) in EnumMembers(spec, operation.Input, "", new HashSet<string>()))
                    {
                        var parameter = ParameterFor(command, member);
                        // A structure-typed parameter (a filter object, -SessionConfiguration) carries the enum inside
                        // an object the caller builds; only a parameter that is the value itself can hold a set.
                        if (parameter == null || (parameter.ParameterType != typeof(string) && parameter.ParameterType != typeof(string[]))) continue;
                        var set = parameter.Attributes.OfType<ValidateSetAttribute>().SingleOrDefault();
                        found.Add(new EnumParameter(row.Cmdlet, row.Operation, path, parameter.Name, values, set?.ValidValues.ToList()));
                    }
                }
            }

            return found;
        }

        /// <summary>Every member under a shape whose values (or whose list's elements) are an enum, with its path.</summary>
        private static IEnumerable<(string Path, string Member, IReadOnlyList<string> Values)> EnumMembers(ServiceSpec spec, string shapeName,
            string path, HashSet<string> seen)
        {
            var shape = spec.Shape(shapeName);
            if (shape.Members == null || !seen.Add(shapeName)) yield break;
            foreach (var member in shape.Members)
            {
                var memberShape = spec.Shape(member.Shape);
                var valueShape = memberShape.Type == "list" ? spec.Shape(memberShape.Member!) : memberShape;
                var memberPath = path + "." + member.Name;
                if (valueShape.Enum != null) yield return (memberPath, member.Name, valueShape.Enum);
                var inner = memberShape.Type == "list" ? memberShape.Member! : member.Shape;
                foreach (var nested in EnumMembers(spec, inner, memberPath, seen)) yield return nested;
            }
        }

        /// <summary>The parameter a member maps to: its PascalCase name, singular for a list, or an alias.</summary>
        private static ParameterMetadata? ParameterFor(CmdletInfo command, string member)
        {
            var pascal = char.ToUpperInvariant(member[0]) + member.Substring(1);
            var singular = pascal.EndsWith("ies", StringComparison.Ordinal) ? pascal[..^3] + "y" : pascal.EndsWith('s') ? pascal[..^1] : pascal;
            return command.Parameters.Values.FirstOrDefault(parameter =>
                new[] { pascal, singular }.Any(name => parameter.Name.Equals(name, StringComparison.OrdinalIgnoreCase) ||
                                                       parameter.Aliases.Contains(name, StringComparer.OrdinalIgnoreCase)));
        }

        [Fact]
        public void Every_parameter_fed_by_a_model_enum_offers_exactly_the_models_values()
        {
            var parameters = FindEnumParameters();

            var wrong = parameters
                .Where(p => p.ValidateSetValues == null ||
                            !p.ValidateSetValues.OrderBy(v => v, StringComparer.Ordinal).SequenceEqual(p.ModelValues.OrderBy(v => v, StringComparer.Ordinal)))
                .Select(p => $"{p.Cmdlet} -{p.Parameter} ({p.Operation}{p.MemberPath}): the model has {string.Join(", ", p.ModelValues)}; " +
                             (p.ValidateSetValues == null
                                 ? "the parameter has no ValidateSet"
                                 : $"missing {Listed(p.ModelValues.Except(p.ValidateSetValues, StringComparer.Ordinal))}; " +
                                   $"extra {Listed(p.ValidateSetValues.Except(p.ModelValues, StringComparer.Ordinal))}"))
                .ToList();

            Assert.True(wrong.Count == 0, string.Join("\n", wrong));

            static string Listed(IEnumerable<string> values) => values.Any() ? string.Join(", ", values) : "none";
        }

        [Fact]
        public void The_enum_parameters_found_include_those_of_both_services()
        {
            // Guards the search itself: were member-to-parameter mapping to break, the test above would check nothing.
            var found = FindEnumParameters().Select(p => $"{p.Cmdlet} -{p.Parameter}").Distinct().ToList();

            Assert.Contains("Start-CCAmplifyJob -JobType", found);
            Assert.Contains("Start-CCAmplifyDeployment -SourceUrlType", found);
            Assert.Contains("New-CCDevEnvironment -InstanceType", found);
            Assert.Contains("Update-CCDevEnvironment -InstanceType", found);
            Assert.Contains("Start-CCDevEnvironment -InstanceType", found);
            Assert.Contains("Start-CCDevEnvironmentSession -SessionType", found);
        }

        [Theory]
        [InlineData("New-CCDevEnvironment -ProjectName MyDemoProject -Alias x -InstanceType dev.standard1.huge")]
        [InlineData("Update-CCDevEnvironment -ProjectName MyDemoProject -Id 1 -InstanceType small")]
        [InlineData("Start-CCDevEnvironment -ProjectName MyDemoProject -Id 1 -InstanceType dev.standard2.small")]
        [InlineData("Start-CCDevEnvironmentSession -ProjectName MyDemoProject -Id 1 -SessionType RDP")]
        public void A_value_outside_the_models_enum_is_refused_at_binding_before_anything_is_sent(string command)
        {
            // Port 9 (discard) on loopback: were the value let through, the request would fail there instead.
            var result = _shell.Run("try { " + command + " -SpaceName ExampleCorp -EndpointUrl http://127.0.0.1:9 } catch { $_ }");

            var error = (ErrorRecord)Assert.Single(result.Output).BaseObject;
            Assert.StartsWith("ParameterArgumentValidationError,", error.FullyQualifiedErrorId);
            Assert.Empty(result.Errors);
        }
    }
}
