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
    /// System.Memory, say), loading fails. There, and only there, this serves the module's own copy of an
    /// assembly it ships to the module's own assemblies, whatever version they ask for. PowerShell 7 resolves them
    /// itself and needs nothing.
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

        /// <summary>
        /// Answers only for this module: a request from our own assembly, or from a dependency loaded from our folder,
        /// for a file we ship. Every other request (another module's, PowerShell's) gets null, so we never hand our
        /// copy to code that did not ship with it. .NET Framework leaves RequestingAssembly null for some loads (an
        /// Assembly.Load by name, say); then we cannot tell who asks and serve only the exact identity we ship, as
        /// PSResourceGet does, since no other copy of that identity could have been meant.
        /// </summary>
        internal static Assembly? ResolveModuleDependency(object? sender, ResolveEventArgs args)
        {
            var requested = new AssemblyName(args.Name);
            if (string.IsNullOrEmpty(requested.Name)) return null;
            var candidate = Path.Combine(ModuleDirectory, requested.Name + ".dll");
            if (!File.Exists(candidate)) return null;

            if (args.RequestingAssembly == null)
            {
                var shipped = AssemblyName.GetAssemblyName(candidate);
                if (!string.Equals(shipped.FullName, requested.FullName, StringComparison.OrdinalIgnoreCase)) return null;
            }
            else if (!IsOurs(args.RequestingAssembly))
            {
                return null;
            }

            return Assembly.LoadFrom(candidate);
        }

        private static bool IsOurs(Assembly assembly)
        {
            if (assembly == typeof(ModuleInitializer).Assembly) return true;
            if (assembly.IsDynamic) return false;
            var location = assembly.Location;
            return !string.IsNullOrEmpty(location) &&
                   string.Equals(Path.GetDirectoryName(location), ModuleDirectory, StringComparison.OrdinalIgnoreCase);
        }
    }
}
