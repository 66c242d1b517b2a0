using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;

namespace CodeCatalyst.Loading
{
    /// <summary>
    /// The assemblies the module ships in its Dependencies folder, and which load request gets which of them. Plain
    /// code with no load-context types, so it runs (and is tested) the same on every runtime:
    /// <list type="bullet">
    /// <item>the shared (default) context is only ever given the engine, whose name is ours alone;</item>
    /// <item>the module's own context (PowerShell 7) loads what we ship, except what the runtime itself carries
    /// (System.Text.Json, System.Memory and the other polyfills are .NET's own there, and one copy of their types
    /// must serve everyone);</item>
    /// <item>on .NET Framework, which has a single context, a shipped file goes to the module's own assemblies.</item>
    /// </list>
    /// </summary>
    internal sealed class DependencyCatalog
    {
        /// <summary>Beside CodeCatalyst.dll; PowerShell probes the module folder itself, never this subfolder.</summary>
        public const string FolderName = "Dependencies";

        /// <summary>The one assembly CodeCatalyst.dll binds to that lives in the module's own context.</summary>
        public const string EngineAssemblyName = "CodeCatalyst.Engine";

        private readonly Dictionary<string, string> _shippedPaths;
        private readonly HashSet<string> _platformNames;
        private readonly string _moduleAssemblyPath;

        public DependencyCatalog(string moduleAssemblyPath, IEnumerable<string> platformAssemblyNames)
        {
            _moduleAssemblyPath = moduleAssemblyPath;
            Folder = Path.Combine(Path.GetDirectoryName(moduleAssemblyPath) ?? "", FolderName);
            _shippedPaths = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (Directory.Exists(Folder))
            {
                foreach (var path in Directory.GetFiles(Folder, "*.dll"))
                {
                    _shippedPaths[Path.GetFileNameWithoutExtension(path)] = path;
                }
            }

            _platformNames = new HashSet<string>(platformAssemblyNames, StringComparer.OrdinalIgnoreCase);
        }

        public string Folder { get; }

        /// <summary>
        /// The runtime's own assemblies on .NET (Core): the trusted platform list the host hands the runtime
        /// (.NET's framework, plus PowerShell's own assemblies in pwsh).
        /// </summary>
        public static IEnumerable<string> PlatformAssemblyNames()
        {
            var list = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string;
            if (string.IsNullOrEmpty(list)) yield break;
            foreach (var path in list!.Split(new[] { Path.PathSeparator }, StringSplitOptions.RemoveEmptyEntries))
            {
                yield return Path.GetFileNameWithoutExtension(path);
            }
        }

        /// <summary>For a request that reached the shared context unanswered: the engine's path, nothing else.</summary>
        public string? PathForSharedContext(AssemblyName requested) =>
            string.Equals(requested.Name, EngineAssemblyName, StringComparison.OrdinalIgnoreCase) ? Shipped(requested.Name) : null;

        /// <summary>For a request from inside the module's own context: our file, unless the runtime carries the name.</summary>
        public string? PathForModuleContext(AssemblyName requested)
        {
            if (string.IsNullOrEmpty(requested.Name) || _platformNames.Contains(requested.Name!)) return null;
            return Shipped(requested.Name);
        }

        /// <summary>
        /// For .NET Framework's AssemblyResolve: a request from CodeCatalyst.dll or from a file in our folder gets our
        /// copy whatever version it names (there are no binding redirects for modules). Any other requester is not
        /// ours to answer. .NET Framework leaves the requester unknown for some loads (an Assembly.Load by name):
        /// then only the exact identity we ship is served, since no other copy of it could have been meant.
        /// </summary>
        /// <param name="requested">The name asked for.</param>
        /// <param name="requesterPath">The requesting assembly's file; null when the runtime did not say; empty for an
        /// assembly that has no file.</param>
        public string? PathForNetFramework(AssemblyName requested, string? requesterPath)
        {
            var path = Shipped(requested.Name);
            if (path == null) return null;
            if (requesterPath == null)
            {
                return string.Equals(AssemblyName.GetAssemblyName(path).FullName, requested.FullName, StringComparison.OrdinalIgnoreCase)
                    ? path
                    : null;
            }

            return IsOurs(requesterPath) ? path : null;
        }

        private bool IsOurs(string requesterPath)
        {
            if (requesterPath.Length == 0) return false;
            return string.Equals(requesterPath, _moduleAssemblyPath, StringComparison.OrdinalIgnoreCase) ||
                   string.Equals(Path.GetDirectoryName(requesterPath), Folder, StringComparison.OrdinalIgnoreCase);
        }

        private string? Shipped(string? name) =>
            !string.IsNullOrEmpty(name) && _shippedPaths.TryGetValue(name!, out var path) ? path : null;
    }
}
