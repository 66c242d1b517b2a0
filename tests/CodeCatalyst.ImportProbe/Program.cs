using System;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Reflection;
using System.Text.Json;

// Usage: CodeCatalyst.ImportProbe <path to CodeCatalyst.psd1> [repetitions]
// Prints one JSON object. The first import is measured in a process where nothing of the module was loaded yet;
// repetitions then time Import-Module -Force in new runspaces to give a steadier figure.
var manifest = args[0];
var repetitions = args.Length > 1 ? int.Parse(args[1]) : 0;

var state = InitialSessionState.CreateDefault2();
using var runspace = RunspaceFactory.CreateRunspace(state);
runspace.Open();

var before = LoadedAssemblyNames();
var stopwatch = Stopwatch.StartNew();
using (var shell = PowerShell.Create())
{
    shell.Runspace = runspace;
    shell.AddCommand("Import-Module").AddParameter("Name", manifest).AddParameter("ErrorAction", "Stop");
    shell.Invoke();
}

var firstImportMs = stopwatch.Elapsed.TotalMilliseconds;
var loadedByImport = LoadedAssemblyNames().Except(before).OrderBy(n => n).ToArray();

// The factory lives in CodeCatalyst.Engine, in the module's own load context: not loaded at all means not built.
var engine = AppDomain.CurrentDomain.GetAssemblies().SingleOrDefault(a => a.GetName().Name == "CodeCatalyst.Engine");
var httpFactory = engine?.GetType("CodeCatalyst.Engine.SharedHttpClientFactory")!
    .GetField("Factory", BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null)!;
var httpFactoryBuilt = httpFactory != null && (bool)httpFactory.GetType().GetProperty("IsValueCreated")!.GetValue(httpFactory)!;

var repeatMs = new double[repetitions];
for (var i = 0; i < repetitions; i++)
{
    using var fresh = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
    fresh.Open();
    using var shell = PowerShell.Create();
    shell.Runspace = fresh;
    shell.AddCommand("Import-Module").AddParameter("Name", manifest).AddParameter("ErrorAction", "Stop");
    var watch = Stopwatch.StartNew();
    shell.Invoke();
    repeatMs[i] = watch.Elapsed.TotalMilliseconds;
}

Console.WriteLine(JsonSerializer.Serialize(new
{
    firstImportMs,
    medianRepeatImportMs = repetitions == 0 ? 0 : repeatMs.OrderBy(x => x).ElementAt(repetitions / 2),
    loadedByImport,
    httpFactoryBuilt,
}));

static string[] LoadedAssemblyNames() =>
    AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetName().Name ?? "").ToArray();
