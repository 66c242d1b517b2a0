using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using CodeCatalyst.Loading;
using CodeCatalyst.Tests.Infrastructure;
using Xunit;

namespace CodeCatalyst.Tests
{
    /// <summary>
    /// Which load request gets which file of the built module's Dependencies folder: on PowerShell 7 (the shared
    /// context, the module's own context) and on Windows PowerShell 5.1 (.NET Framework's AssemblyResolve), whose
    /// runtime these tests cannot start, so its rules are checked as plain code against the real folder.
    /// </summary>
    public sealed class DependencyLoadingTests
    {
        private static readonly string ModuleAssembly = Path.Combine(RepositoryPaths.ModuleFolder, "CodeCatalyst.dll");
        private static readonly string Dependencies = Path.Combine(RepositoryPaths.ModuleFolder, "Dependencies");

        // PowerShell 7.6's own: the runtime carries System.Text.Json and System.Memory, not Microsoft.Extensions.*.
        private static readonly DependencyCatalog Catalog =
            new(ModuleAssembly, new[] { "System.Private.CoreLib", "System.Text.Json", "System.Memory", "System.Management.Automation" });

        private static AssemblyName Name(string name, string version = "8.0.0.0") => new($"{name}, Version={version}, Culture=neutral");

        private static string Shipped(string file) => Path.Combine(Dependencies, file + ".dll");

        [Fact]
        public void The_shared_context_is_given_the_engine_and_none_of_the_dependencies()
        {
            Assert.Equal(Shipped("CodeCatalyst.Engine"), Catalog.PathForSharedContext(Name("CodeCatalyst.Engine", "0.1.0.0")));

            // Another module asking the shared context for these must never get our copies.
            Assert.Null(Catalog.PathForSharedContext(Name("Microsoft.Extensions.DependencyInjection")));
            Assert.Null(Catalog.PathForSharedContext(Name("Microsoft.Extensions.Http")));
            Assert.Null(Catalog.PathForSharedContext(Name("System.Text.Json")));
            Assert.Null(Catalog.PathForSharedContext(Name("Not.Shipped.Here")));
        }

        [Fact]
        public void The_modules_own_context_loads_our_files_except_what_the_runtime_carries()
        {
            Assert.Equal(Shipped("Microsoft.Extensions.DependencyInjection"),
                Catalog.PathForModuleContext(Name("Microsoft.Extensions.DependencyInjection", "10.0.0.0")));
            Assert.Equal(Shipped("Microsoft.Extensions.Http"), Catalog.PathForModuleContext(Name("Microsoft.Extensions.Http")));
            Assert.Equal(Shipped("CodeCatalyst.Engine"), Catalog.PathForModuleContext(Name("CodeCatalyst.Engine", "0.1.0.0")));

            // The runtime's own types must be the same for everyone (a second Span<T> or JsonElement breaks callers).
            Assert.Null(Catalog.PathForModuleContext(Name("System.Text.Json")));
            Assert.Null(Catalog.PathForModuleContext(Name("System.Memory", "4.0.1.2")));
            Assert.Null(Catalog.PathForModuleContext(Name("System.Management.Automation", "7.6.0.0")));
            Assert.Null(Catalog.PathForModuleContext(Name("Not.Shipped.Here")));
        }

        [Fact]
        public void A_host_without_a_platform_list_gets_every_shipped_file_in_the_modules_own_context()
        {
            var bare = new DependencyCatalog(ModuleAssembly, Array.Empty<string>());
            Assert.Equal(Shipped("System.Text.Json"), bare.PathForModuleContext(Name("System.Text.Json")));
            Assert.Equal(Dependencies, bare.Folder);
        }

        [Fact]
        public void On_the_running_runtime_the_platform_list_names_its_own_assemblies()
        {
            var platform = DependencyCatalog.PlatformAssemblyNames().ToList();
            Assert.Contains("System.Private.CoreLib", platform);
            Assert.Contains("System.Text.Json", platform);
        }

        [Fact]
        public void On_Windows_PowerShell_our_assemblies_get_our_copy_whatever_version_they_ask_for()
        {
            // No binding redirects for modules on .NET Framework: our file answers every version our assemblies name.
            Assert.Equal(Shipped("Microsoft.Extensions.Http"), Catalog.PathForNetFramework(Name("Microsoft.Extensions.Http", "99.0.0.0"), ModuleAssembly));
            // A dependency of ours asking for another of ours (System.Text.Json wants System.Memory, say). On .NET
            // Framework nothing is "the runtime's own" here: the 5.1 catalog is built with an empty platform list.
            var netFramework = new DependencyCatalog(ModuleAssembly, Array.Empty<string>());
            Assert.Equal(Shipped("System.Memory"), netFramework.PathForNetFramework(Name("System.Memory", "4.0.1.1"), Shipped("System.Text.Json")));
            Assert.Null(netFramework.PathForNetFramework(Name("Not.Shipped.Here", "1.0.0.0"), ModuleAssembly));
        }

        [Fact]
        public void On_Windows_PowerShell_requests_from_anyone_else_are_left_alone()
        {
            var netFramework = new DependencyCatalog(ModuleAssembly, Array.Empty<string>());
            var otherVersion = Name("System.Text.Json", "99.0.0.0");

            // PowerShell's own, another module's (even one in a folder named like ours), or a dynamic assembly's.
            Assert.Null(netFramework.PathForNetFramework(otherVersion, typeof(System.Management.Automation.PSObject).Assembly.Location));
            Assert.Null(netFramework.PathForNetFramework(otherVersion, Path.Combine(Path.GetTempPath(), "Other", "Dependencies", "Other.dll")));
            Assert.Null(netFramework.PathForNetFramework(otherVersion, ""));

            // The requester unknown (an Assembly.Load by name): only the exact identity we ship.
            Assert.Null(netFramework.PathForNetFramework(otherVersion, null));
            var shippedIdentity = AssemblyName.GetAssemblyName(Shipped("System.Text.Json"));
            Assert.Equal(Shipped("System.Text.Json"), netFramework.PathForNetFramework(shippedIdentity, null));
        }

        [Fact]
        public void Importing_needs_no_dependency_before_the_resolver_is_hooked()
        {
            // PowerShell lists a binary module's public types before it calls OnImport, which hooks our resolver:
            // that listing must not need any file from Dependencies/ (Windows PowerShell could not find it yet).
            var refused = Directory.GetFiles(Dependencies, "*.dll").Select(Path.GetFileNameWithoutExtension).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var context = new RefusingLoadContext(refused!);
            try
            {
                var module = context.LoadFromAssemblyPath(ModuleAssembly);
                var types = module.GetExportedTypes();
                Assert.Contains(types, type => type.Name == "GetCCWorkflowRunCommand");
                Assert.Empty(context.Refused);
            }
            finally
            {
                context.Unload();
            }
        }

        /// <summary>Fails every load of the given names, and remembers them; the rest comes from the test host.</summary>
        private sealed class RefusingLoadContext(ISet<string> refusedNames) : AssemblyLoadContext("refusing-dependencies", isCollectible: true)
        {
            public List<string> Refused { get; } = new();

            protected override Assembly? Load(AssemblyName assemblyName)
            {
                if (!refusedNames.Contains(assemblyName.Name!)) return null;
                Refused.Add(assemblyName.Name!);
                throw new FileNotFoundException("not reachable before OnImport", assemblyName.Name);
            }
        }
    }
}
