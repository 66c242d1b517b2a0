using System.Diagnostics;

namespace CodeCatalyst.WireGen;

/// <summary>The tool's two steps as a library, so tests can run them without a process.</summary>
public static class WireGeneration
{
    /// <summary>CodeCatalyst's spec and table (see <see cref="ServiceTarget"/> for every service's).</summary>
    public static readonly string SpecPath = ServiceTarget.CodeCatalyst.SpecPath;
    public static readonly string TablePath = ServiceTarget.CodeCatalyst.TablePath;

    /// <summary>Every generated file of CodeCatalyst (repository-relative path → content) from the spec and the table.</summary>
    public static IReadOnlyDictionary<string, string> Generate(string specJson, string tableText) =>
        Generate(specJson, tableText, ServiceTarget.CodeCatalyst);

    /// <summary>Every generated file of one service (repository-relative path → content) from its spec and table.</summary>
    public static IReadOnlyDictionary<string, string> Generate(string specJson, string tableText, ServiceTarget target)
    {
        var spec = ServiceSpec.FromJson(specJson);
        var table = OperationTable.Parse(tableText);
        var graph = new ShapeGraph(spec, table);
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (path, content) in new ModuleGenerator(graph, target).Generate()) files[path] = content;
        foreach (var (path, content) in new EmulatorGenerator(graph, target).Generate()) files[path] = content;
        return files;
    }

    /// <summary>botocore's data folder for the service, found through the python3 on PATH; null when there is none.</summary>
    public static string? FindBotocoreModelFolder(string service = "codecatalyst", string apiVersion = "2022-09-28")
    {
        try
        {
            var start = new ProcessStartInfo("python3")
            {
                ArgumentList = { "-c", "import botocore, os; print(os.path.join(os.path.dirname(botocore.__file__), 'data'))" },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using var process = Process.Start(start);
            if (process == null) return null;
            var output = process.StandardOutput.ReadToEnd().Trim();
            if (!process.WaitForExit(30_000) || process.ExitCode != 0) return null;
            var folder = Path.Combine(output, service, apiVersion);
            return File.Exists(Path.Combine(folder, "service-2.json.gz")) || File.Exists(Path.Combine(folder, "service-2.json")) ? folder : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;  // no python3 on this machine
        }
    }

    /// <summary>The spec distilled from a botocore model folder.</summary>
    public static string DistillFrom(string modelFolder)
    {
        var service = Path.Combine(modelFolder, "service-2.json.gz");
        if (!File.Exists(service)) service = Path.Combine(modelFolder, "service-2.json");
        var paginators = Path.Combine(modelFolder, "paginators-1.json");
        return ModelDistiller.Distill(ModelDistiller.ReadModelFile(service),
            File.Exists(paginators) ? File.ReadAllText(paginators) : "{\"pagination\":{}}").ToJson();
    }
}
