using System;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

// The class keeps the namespace PowerShell users and tests know it by; its helpers live in CodeCatalyst.Loading.
namespace CodeCatalyst
{
    using CodeCatalyst.Loading;

    /// <summary>
    /// Makes the module's private dependencies, shipped in the Dependencies subfolder, reachable by the module alone.
    /// <list type="bullet">
    /// <item>PowerShell 7: CodeCatalyst.Engine and the Microsoft.Extensions.* it uses load into the module's own
    /// AssemblyLoadContext (<see cref="ModuleLoadContext"/>), so another module that loaded other versions into the
    /// shared context first cannot break us, nor we it. PowerShell only ever sees CodeCatalyst.dll.</item>
    /// <item>Windows PowerShell 5.1 (.NET Framework, one context, no binding redirects for modules): an
    /// AssemblyResolve handler serves our files to our own assemblies, whatever version they ask for.</item>
    /// </list>
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        private static readonly Lazy<DependencyCatalog> Catalog = new Lazy<DependencyCatalog>(() =>
            new DependencyCatalog(typeof(ModuleInitializer).Assembly.Location,
                IsNetFramework ? Array.Empty<string>() : DependencyCatalog.PlatformAssemblyNames()));

        internal static bool IsNetFramework =>
            RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase);

        public void OnImport()
        {
            if (IsNetFramework) AppDomain.CurrentDomain.AssemblyResolve += ResolveOnNetFramework;
            else InstallLoadContext();
        }

        public void OnRemove(PSModuleInfo module)
        {
            if (IsNetFramework) AppDomain.CurrentDomain.AssemblyResolve -= ResolveOnNetFramework;
            else RemoveLoadContext();
        }

        // Separate, never-inlined methods: .NET Framework must never compile a method that names AssemblyLoadContext.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void InstallLoadContext() => ModuleLoadContext.Install(Catalog.Value);

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void RemoveLoadContext() => ModuleLoadContext.Remove();

        private static Assembly? ResolveOnNetFramework(object? sender, ResolveEventArgs args)
        {
            var requester = args.RequestingAssembly;
            var requesterPath = requester == null ? null : requester.IsDynamic ? "" : requester.Location;
            var path = Catalog.Value.PathForNetFramework(new AssemblyName(args.Name), requesterPath);
            return path == null ? null : Assembly.LoadFrom(path);
        }
    }
}
