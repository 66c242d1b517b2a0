using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using CodeCatalyst.Tests.Infrastructure;
using Xunit;

namespace CodeCatalyst.Tests
{
    /// <summary>
    /// Importing the module must do no work: no HTTP client, DI container or JSON machinery until the first call.
    /// Measured in a fresh process (the ImportProbe), because this test process has long since loaded everything.
    /// </summary>
    public sealed class ImportCostTests
    {
        [Fact]
        public void Import_builds_no_http_client_and_loads_no_dependency_assembly()
        {
            var report = RunProbe();
            var loaded = report.GetProperty("loadedByImport").EnumerateArray().Select(e => e.GetString()!).ToList();

            Assert.Contains("CodeCatalyst", loaded);
            Assert.DoesNotContain("CodeCatalyst.Engine", loaded);
            Assert.DoesNotContain(loaded, name => name.StartsWith("Microsoft.Extensions."));
            Assert.DoesNotContain("System.Text.Json", loaded);
            Assert.DoesNotContain("System.Net.Http", loaded);
            Assert.False(report.GetProperty("httpFactoryBuilt").GetBoolean());
        }

        private static JsonElement RunProbe()
        {
            var configuration = new DirectoryInfo(System.AppContext.BaseDirectory).Parent!.Name; // Debug or Release
            var probe = Path.Combine(RepositoryPaths.Root, "tests", "CodeCatalyst.ImportProbe", "bin", configuration, "net10.0",
                "CodeCatalyst.ImportProbe.dll");
            Assert.True(File.Exists(probe), $"the import probe was not built: {probe}");

            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(probe);
            start.ArgumentList.Add(RepositoryPaths.ModuleManifest);
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            Assert.True(process.WaitForExit(120_000), "the import probe did not finish in 2 minutes");
            Assert.True(process.ExitCode == 0, "the import probe failed: " + error.Result);
            return JsonDocument.Parse(output.Result.Trim().Split('\n').Last()).RootElement;
        }
    }
}
