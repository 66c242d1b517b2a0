using System;
using System.IO;

namespace CodeCatalyst.Tests.Infrastructure
{
    /// <summary>Locates the repository and the built module folder from the test assembly's location.</summary>
    public static class RepositoryPaths
    {
        public static string Root { get; } = FindRoot();

        public static string ModuleFolder => Path.Combine(Root, "out", "CodeCatalyst");

        public static string ModuleManifest => Path.Combine(ModuleFolder, "CodeCatalyst.psd1");

        public static string Docs => Path.Combine(Root, "docs");

        private static string FindRoot()
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory != null && !File.Exists(Path.Combine(directory.FullName, "CodeCatalyst.sln")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new InvalidOperationException("CodeCatalyst.sln not found above the test assembly.");
        }
    }
}
