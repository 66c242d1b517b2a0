using System;
using System.Collections;
using System.IO;
using System.Linq;

namespace CodeCatalyst.Tests.Infrastructure
{
    /// <summary>The cmdlets the module's manifest exports (ModuleLayoutTests checks that list against the assembly).</summary>
    public static class ManifestCmdlets
    {
        public static string[] Names()
        {
            // A manifest is a data-only script: evaluating it gives its hashtable (a bare engine host has no
            // Import-PowerShellDataFile).
            using var session = new PowerShellSession(importModule: false);
            var manifest = (Hashtable)session.Run("& ([scriptblock]::Create([IO.File]::ReadAllText($args[0])))",
                RepositoryPaths.ModuleManifest).Output.Single().BaseObject;
            return ((object[])manifest["CmdletsToExport"]!).Cast<string>().OrderBy(name => name, StringComparer.Ordinal).ToArray();
        }
    }
}
