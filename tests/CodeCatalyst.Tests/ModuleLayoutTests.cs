using System;
using System.Collections;
using System.IO;
using System.Linq;
using System.Reflection;
using CodeCatalyst.Tests.Infrastructure;
using Xunit;

namespace CodeCatalyst.Tests
{
    /// <summary>The built module folder is complete, loadable next to PowerShell, and described by its manifest.</summary>
    public sealed class ModuleLayoutTests
    {
        /// <summary>
        /// The cmdlets the module assembly defines, found once by reflection: the manifest and Get-Command must
        /// agree with it, so the list is not kept by hand in several places.
        /// </summary>
        internal static readonly string[] ExpectedCmdlets = Assembly.LoadFrom(Path.Combine(RepositoryPaths.ModuleFolder, "CodeCatalyst.dll"))
            .GetExportedTypes()
            .Select(type => type.GetCustomAttribute<System.Management.Automation.CmdletAttribute>())
            .Where(attribute => attribute != null)
            .Select(attribute => attribute!.VerbName + "-" + attribute.NounName)
            .OrderBy(name => name, StringComparer.Ordinal)
            .ToArray();

        [Fact]
        public void Build_output_folder_holds_manifest_assemblies_format_type_data_and_help()
        {
            var folder = RepositoryPaths.ModuleFolder;
            foreach (var file in new[]
                     {
                         "CodeCatalyst.psd1", "CodeCatalyst.dll", "CodeCatalyst.format.ps1xml", "CodeCatalyst.types.ps1xml",
                         Path.Combine("en-US", "CodeCatalyst.dll-Help.xml"), Path.Combine("Dependencies", "CodeCatalyst.Engine.dll"),
                         Path.Combine("Dependencies", "System.Text.Json.dll"), Path.Combine("Dependencies", "Microsoft.Extensions.Http.dll"),
                     })
            {
                Assert.True(File.Exists(Path.Combine(folder, file)), $"{file} is missing from {folder}");
            }

            Assert.False(Directory.GetFiles(folder, "System.Management.Automation.dll", SearchOption.AllDirectories).Any(),
                "the engine assembly must come from PowerShell, not from the module folder");
        }

        [Fact]
        public void Only_the_cmdlet_assembly_is_at_the_top_and_every_dependency_is_in_the_Dependencies_folder()
        {
            // PowerShell probes the module folder itself for assemblies it cannot find; it must find none of ours there.
            var topLevel = Directory.GetFiles(RepositoryPaths.ModuleFolder, "*.dll").Select(Path.GetFileName).ToArray();
            Assert.Equal(new[] { "CodeCatalyst.dll" }, topLevel);

            var dependencies = Directory.GetFiles(Path.Combine(RepositoryPaths.ModuleFolder, "Dependencies"))
                .Select(Path.GetFileName).ToList();
            Assert.Contains("CodeCatalyst.Engine.dll", dependencies);
            Assert.Contains("Microsoft.Extensions.DependencyInjection.dll", dependencies);
            Assert.All(dependencies, name => Assert.EndsWith(".dll", name));
            // A compile-time reference only: the runtime that needs it carries it.
            Assert.DoesNotContain("System.Runtime.Loader.dll", dependencies);
        }

        [Fact]
        public void No_shipped_assembly_is_newer_than_what_PowerShell_7_4_carries()
        {
            // PowerShell 7.4 runs on .NET 8: an assembly versioned 9 or above cannot bind next to the engine's copy.
            var tooNew = Directory.GetFiles(RepositoryPaths.ModuleFolder, "*.dll", SearchOption.AllDirectories)
                .Select(path => AssemblyName.GetAssemblyName(path))
                .Where(name => !name.Name!.StartsWith("CodeCatalyst", StringComparison.Ordinal) && name.Version!.Major >= 9)
                .Select(name => name.FullName)
                .ToList();
            Assert.True(tooNew.Count == 0, "Assemblies above the 8.x floor: " + string.Join(", ", tooNew));

            var json = AssemblyName.GetAssemblyName(Path.Combine(RepositoryPaths.ModuleFolder, "Dependencies", "System.Text.Json.dll"));
            Assert.Equal(8, json.Version!.Major);
        }

        [Fact]
        public void Manifest_lists_cmdlets_explicitly_and_declares_editions_version_and_gallery_data()
        {
            using var session = new PowerShellSession(importModule: false);
            var result = session.Run("Import-PowerShellDataFile -Path $args[0]", RepositoryPaths.ModuleManifest);
            Hashtable manifest;
            if (result.Output.Count == 1)
            {
                manifest = (Hashtable)result.Output[0].BaseObject;
            }
            else
            {
                // Import-PowerShellDataFile lives in Microsoft.PowerShell.Utility, absent from a bare engine host.
                manifest = (Hashtable)session.Run("& ([scriptblock]::Create([IO.File]::ReadAllText($args[0])))",
                    RepositoryPaths.ModuleManifest).Output[0].BaseObject;
            }

            var cmdlets = ((object[])manifest["CmdletsToExport"]!).Cast<string>().OrderBy(n => n, StringComparer.Ordinal).ToArray();
            Assert.Contains("Get-CCWorkflowRun", ExpectedCmdlets);
            Assert.Equal(ExpectedCmdlets, cmdlets);
            Assert.DoesNotContain(cmdlets, name => name.Contains('*'));
            Assert.Equal(new[] { "Desktop", "Core" }, ((object[])manifest["CompatiblePSEditions"]!).Cast<string>());
            Assert.Equal("5.1", manifest["PowerShellVersion"]);
            var psData = (Hashtable)((Hashtable)manifest["PrivateData"]!)["PSData"]!;
            Assert.NotNull(psData["Tags"]);
            Assert.NotNull(psData["LicenseUri"]);
            Assert.NotNull(psData["ProjectUri"]);
            Assert.NotNull(psData["ReleaseNotes"]);

            var assemblyVersion = AssemblyName.GetAssemblyName(Path.Combine(RepositoryPaths.ModuleFolder, "CodeCatalyst.dll")).Version!;
            Assert.Equal(assemblyVersion.ToString(3), manifest["ModuleVersion"]);
        }

        [Fact]
        public void Importing_into_the_7_6_engine_exports_exactly_the_manifest_cmdlets()
        {
            using var session = new PowerShellSession();
            var result = session.Run("Get-Command -Module CodeCatalyst | ForEach-Object Name");
            Assert.Empty(result.Errors);
            Assert.Equal(ExpectedCmdlets, result.Output.Select(o => (string)o.BaseObject).OrderBy(n => n, StringComparer.Ordinal).ToArray());
            var engine = session.Run("$PSVersionTable.PSVersion.ToString()").Output.Single().ToString();
            Assert.StartsWith("7.6", engine);
        }

        [Fact]
        public void Every_cmdlet_that_changes_state_supports_WhatIf_and_Confirm()
        {
            using var session = new PowerShellSession();
            // Every verb that changes something: derived from the cmdlets themselves, so a new one cannot be missed.
            string[] changing = { "New", "Update", "Remove", "Start", "Stop", "Connect", "Disconnect", "Invoke" };
            foreach (var name in ExpectedCmdlets.Where(name => changing.Contains(name.Substring(0, name.IndexOf('-')))))
            {
                var parameters = session.Run("(Get-Command $args[0]).Parameters.Keys", name).Output.Select(o => o.ToString()).ToList();
                Assert.Contains("WhatIf", parameters);
                Assert.Contains("Confirm", parameters);
            }
        }

        [Fact]
        public void Every_cmdlet_is_run_by_a_Pester_story_in_real_pwsh()
        {
            // The stories that run commands a user types; the help and docs suites go over every cmdlet generically.
            string[] generic = { "Help.Tests.ps1", "Docs.Tests.ps1", "CompareHelp.Tests.ps1" };
            var stories = Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "tests"), "*.Tests.ps1")
                .Where(path => !generic.Contains(Path.GetFileName(path)))
                .Select(File.ReadAllText)
                .ToList();
            Assert.NotEmpty(stories);
            var untold = ExpectedCmdlets
                .Where(name => !stories.Any(text => System.Text.RegularExpressions.Regex.IsMatch(text, @"(?<![\w-])" + System.Text.RegularExpressions.Regex.Escape(name) + @"(?![\w-])")))
                .ToList();
            Assert.True(untold.Count == 0, "no Pester story runs " + string.Join(", ", untold));
        }
    }
}
