using System;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;

namespace CodeCatalyst.Tests.Infrastructure
{
    internal static class ImportedModule
    {
        /// <summary>
        /// The CodeCatalyst.dll PowerShell imported into this process: the one in the default load context (a test may
        /// load another copy into a context of its own, e.g. DependencyLoadingTests).
        /// </summary>
        public static Assembly Assembly =>
            AppDomain.CurrentDomain.GetAssemblies().Single(a =>
                a.GetName().Name == "CodeCatalyst" && AssemblyLoadContext.GetLoadContext(a) == AssemblyLoadContext.Default);
    }
}
