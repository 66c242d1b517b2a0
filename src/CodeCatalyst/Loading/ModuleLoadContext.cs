using System.Reflection;
using System.Runtime.Loader;

namespace CodeCatalyst.Loading
{
    /// <summary>
    /// PowerShell 7 only: the module's own load context, holding CodeCatalyst.Engine and the Microsoft.Extensions.*
    /// it needs, apart from whatever versions other modules loaded into the shared context. Nothing here may be
    /// touched on .NET Framework, which has no AssemblyLoadContext: only <see cref="ModuleInitializer"/>'s
    /// .NET-only branch names this class (and PowerShell's import scan sees public types only; this one is internal).
    /// </summary>
    internal sealed class ModuleLoadContext : AssemblyLoadContext
    {
        private static ModuleLoadContext? _instance;
        private static readonly object Gate = new object();

        private readonly DependencyCatalog _catalog;

        private ModuleLoadContext(DependencyCatalog catalog)
        {
            _catalog = catalog;
        }

        /// <summary>Answers the shared context's request for the engine, and nothing else.</summary>
        public static void Install(DependencyCatalog catalog)
        {
            lock (Gate)
            {
                _instance ??= new ModuleLoadContext(catalog);
            }

            Default.Resolving -= ResolveEngine;
            Default.Resolving += ResolveEngine;
        }

        public static void Remove() => Default.Resolving -= ResolveEngine;

        /// <summary>
        /// Runs only when the shared context found no CodeCatalyst.Engine of its own. The context, once made, stays
        /// for the process: a re-import binds to the engine already loaded, as PowerShell keeps CodeCatalyst.dll too.
        /// </summary>
        private static Assembly? ResolveEngine(AssemblyLoadContext context, AssemblyName requested)
        {
            var instance = _instance;
            var path = instance?._catalog.PathForSharedContext(requested);
            return path == null ? null : instance!.LoadFromAssemblyName(requested);
        }

        /// <summary>
        /// Our files for our names, first: an older or newer copy another module put into the shared context is never
        /// consulted. Null hands the request on to the shared context (the runtime's own assemblies).
        /// </summary>
        protected override Assembly? Load(AssemblyName assemblyName)
        {
            var path = _catalog.PathForModuleContext(assemblyName);
            return path == null ? null : LoadFromAssemblyPath(path);
        }
    }
}
