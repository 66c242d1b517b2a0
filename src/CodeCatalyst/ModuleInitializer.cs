using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;

namespace CodeCatalyst
{
    /// <summary>
    /// Windows PowerShell 5.1 runs on .NET Framework, which has no binding redirects for modules: when our
    /// dependencies ask for a version other than the one we ship (System.Text.Json asking for another
    /// System.Memory, say), loading fails. There, and only there, this serves the module's own copy of any
    /// assembly it ships, whatever version is asked for. PowerShell 7 resolves them itself and needs nothing.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        private static readonly string ModuleDirectory =
            Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? "";

        internal static bool IsNetFramework =>
            RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase);

        public void OnImport()
        {
            if (IsNetFramework) AppDomain.CurrentDomain.AssemblyResolve += ResolveModuleDependency;
        }

        public void OnRemove(PSModuleInfo module)
        {
            if (IsNetFramework) AppDomain.CurrentDomain.AssemblyResolve -= ResolveModuleDependency;
        }

        internal static Assembly? ResolveModuleDependency(object? sender, ResolveEventArgs args)
        {
            var name = new AssemblyName(args.Name).Name;
            if (string.IsNullOrEmpty(name)) return null;
            var candidate = Path.Combine(ModuleDirectory, name + ".dll");
            return File.Exists(candidate) ? Assembly.LoadFrom(candidate) : null;
        }
    }
}
