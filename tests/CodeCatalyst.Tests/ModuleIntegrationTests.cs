using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
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
            AppDomain.CurrentDomain.GetAssemblies().Single(a => a.GetName().Name == "CodeCatalyst");

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

        [Fact]
        public void On_Windows_PowerShell_the_resolver_serves_the_shipped_copy_whatever_version_is_asked()
        {
            // .NET Framework has no binding redirects for modules; the handler must answer any version with our file.
            var resolve = ModuleAssembly.GetType("CodeCatalyst.ModuleInitializer")!
                .GetMethod("ResolveModuleDependency", BindingFlags.NonPublic | BindingFlags.Static)!;

            var served = (Assembly?)resolve.Invoke(null, new object?[]
            {
                null, new ResolveEventArgs("Microsoft.Extensions.Http, Version=99.0.0.0, Culture=neutral, PublicKeyToken=adb9793829ddae60", ModuleAssembly),
            });
            Assert.NotNull(served);
            Assert.Equal("Microsoft.Extensions.Http", served!.GetName().Name);

            var unknown = resolve.Invoke(null, new object?[] { null, new ResolveEventArgs("Not.Shipped.Here, Version=1.0.0.0", ModuleAssembly) });
            Assert.Null(unknown);
        }

        [Fact]
        public void On_Windows_PowerShell_the_resolver_answers_only_the_modules_own_assemblies()
        {
            var resolve = ModuleAssembly.GetType("CodeCatalyst.ModuleInitializer")!
                .GetMethod("ResolveModuleDependency", BindingFlags.NonPublic | BindingFlags.Static)!;
            Assembly? Resolve(string name, Assembly? requester) =>
                (Assembly?)resolve.Invoke(null, new object?[] { null, new ResolveEventArgs(name, requester) });
            const string OtherVersion = "System.Text.Json, Version=99.0.0.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51";
            var shippedIdentity = AssemblyName.GetAssemblyName(Path.Combine(RepositoryPaths.ModuleFolder, "System.Text.Json.dll")).FullName;

            // A dependency we ship, loaded from our folder, asking for another of ours: served. (Here the runtime has its
            // own Microsoft.Extensions.Http, so our copy is loaded into a context of its own to stand in.)
            var context = new AssemblyLoadContext("our-dependency", isCollectible: true);
            try
            {
                var ourDependency = context.LoadFromAssemblyPath(Path.Combine(RepositoryPaths.ModuleFolder, "Microsoft.Extensions.Http.dll"));
                Assert.Equal("System.Text.Json", Resolve(OtherVersion, ourDependency)?.GetName().Name);
            }
            finally
            {
                context.Unload();
            }

            // PowerShell's or the runtime's own request for a name we happen to ship: not ours to answer.
            Assert.Null(Resolve(OtherVersion, typeof(object).Assembly));
            Assert.Null(Resolve(OtherVersion, typeof(System.Management.Automation.PSObject).Assembly));
            Assert.Null(Resolve(OtherVersion, typeof(ModuleIntegrationTests).Assembly));

            // No requester (an Assembly.Load by name): only the exact identity we ship.
            Assert.Null(Resolve(OtherVersion, null));
            Assert.Equal("System.Text.Json", Resolve(shippedIdentity, null)?.GetName().Name);
        }
    }
}
