using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Xml.Linq;
using CodeCatalyst.Tests.Infrastructure;
using Xunit;

namespace CodeCatalyst.Tests
{
    /// <summary>The pieces that make the module pleasant and loadable beyond the cmdlets themselves.</summary>
    public sealed class ModuleIntegrationTests : IDisposable
    {
        private readonly PowerShellSession _shell = new();

        public void Dispose() => _shell.Dispose();

        private static Assembly ModuleAssembly =>
            ImportedModule.Assembly;

        [Fact]
        public void Every_output_type_has_a_default_table_view()
        {
            // Each area has its own format file (CodeCatalyst.<Area>.format.ps1xml); the views of all of them count.
            var viewed = Directory.GetFiles(RepositoryPaths.ModuleFolder, "*.format.ps1xml")
                .SelectMany(path => XDocument.Load(path).Descendants("View"))
                .Where(view => view.Element("TableControl") != null)
                .SelectMany(view => view.Descendants("TypeName").Select(t => t.Value))
                .ToHashSet();

            var outputTypes = ModuleAssembly.GetTypes()
                .Where(t => t.IsPublic && typeof(System.Management.Automation.Cmdlet).IsAssignableFrom(t) && !t.IsAbstract)
                .SelectMany(t => t.GetCustomAttributes<System.Management.Automation.OutputTypeAttribute>())
                .SelectMany(a => a.Type)
                .Select(t => t.Type)
                // The module's own models: CodeCatalyst.Models and every other service's (CodeCatalyst.Amplify.Models).
                .Where(t => t != null && t.Namespace != null && t.Namespace.StartsWith("CodeCatalyst.", System.StringComparison.Ordinal) && t.Namespace.EndsWith(".Models", System.StringComparison.Ordinal))
                .Select(t => t!.FullName!)
                .Distinct()
                .ToList();

            Assert.NotEmpty(outputTypes);
            Assert.Contains("CodeCatalyst.Amplify.Models.JobSummary", outputTypes);
            Assert.All(outputTypes, type => Assert.Contains(type, viewed));
        }
    }
}
