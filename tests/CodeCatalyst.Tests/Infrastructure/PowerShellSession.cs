using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Threading.Tasks;

namespace CodeCatalyst.Tests.Infrastructure
{
    /// <summary>Everything one script wrote, stream by stream.</summary>
    public sealed class ScriptResult
    {
        public required IReadOnlyList<PSObject> Output { get; init; }
        public required IReadOnlyList<ErrorRecord> Errors { get; init; }
        public required IReadOnlyList<VerboseRecord> Verbose { get; init; }
        public required IReadOnlyList<DebugRecord> Debug { get; init; }
        public required IReadOnlyList<WarningRecord> Warnings { get; init; }
        public required IReadOnlyList<ProgressRecord> Progress { get; init; }
        public required IReadOnlyList<InformationRecord> Information { get; init; }

        /// <summary>The terminating error, if the script stopped on one.</summary>
        public Exception? Terminating { get; init; }

        public T Property<T>(int index, string name) => (T)Output[index].Properties[name].Value;

        /// <summary>Every piece of text the script produced anywhere, for leak checks.</summary>
        public string AllText()
        {
            var parts = new List<string>();
            parts.AddRange(Output.Select(o => o?.ToString() ?? ""));
            foreach (var output in Output.Where(o => o != null))
            {
                parts.AddRange(output.Properties.Select(p => SafeToString(p)));
            }

            foreach (var error in Errors)
            {
                parts.Add(error.ToString());
                parts.Add(error.Exception?.ToString() ?? "");
                parts.Add(error.ErrorDetails?.Message ?? "");
                parts.Add(error.ErrorDetails?.RecommendedAction ?? "");
                parts.Add(error.TargetObject?.ToString() ?? "");
            }

            parts.AddRange(Verbose.Select(v => v.Message));
            parts.AddRange(Debug.Select(d => d.Message));
            parts.AddRange(Warnings.Select(w => w.Message));
            parts.AddRange(Progress.Select(p => p.Activity + " " + p.StatusDescription));
            parts.AddRange(Information.Select(i => i.MessageData?.ToString() ?? ""));
            if (Terminating != null) parts.Add(Terminating.ToString());
            return string.Join("\n", parts);
        }

        private static string SafeToString(PSPropertyInfo property)
        {
            try
            {
                return property.Value?.ToString() ?? "";
            }
            catch (Exception exception)
            {
                return exception.Message;
            }
        }
    }

    /// <summary>
    /// A PowerShell runspace with the built module imported, as a user's session would have it. One per test
    /// class; scripts run one at a time.
    /// </summary>
    public sealed class PowerShellSession : IDisposable
    {
        private readonly Runspace _runspace;

        public PowerShellSession(bool importModule = true)
        {
            var state = InitialSessionState.CreateDefault2();
            _runspace = RunspaceFactory.CreateRunspace(state);
            _runspace.Open();
            if (importModule)
            {
                var import = Run("Import-Module $args[0] -ErrorAction Stop; Get-Module CodeCatalyst", RepositoryPaths.ModuleManifest);
                if (import.Terminating != null || import.Output.Count != 1)
                {
                    throw new InvalidOperationException("Import-Module failed: " + import.Terminating + string.Join("; ", import.Errors));
                }
            }
        }

        public Runspace Runspace => _runspace;

        /// <summary>Runs a script; positional arguments are available as $args[0], $args[1], ...</summary>
        public ScriptResult Run(string script, params object?[] arguments) => RunAsync(script, null, arguments).GetAwaiter().GetResult();

        /// <summary>Runs a script and lets the caller stop it (Ctrl+C) through <paramref name="started"/>.</summary>
        public async Task<ScriptResult> RunAsync(string script, Action<PowerShell>? started, params object?[] arguments)
        {
            using var shell = PowerShell.Create();
            shell.Runspace = _runspace;
            shell.AddScript(script);
            foreach (var argument in arguments) shell.AddArgument(argument);

            Exception? terminating = null;
            var output = new List<PSObject>();
            try
            {
                var invocation = Task.Factory.FromAsync(shell.BeginInvoke(), shell.EndInvoke);
                started?.Invoke(shell);
                output.AddRange(await invocation);
            }
            catch (Exception exception)
            {
                terminating = exception;
            }

            return new ScriptResult
            {
                Output = output,
                Errors = shell.Streams.Error.ToList(),
                Verbose = shell.Streams.Verbose.ToList(),
                Debug = shell.Streams.Debug.ToList(),
                Warnings = shell.Streams.Warning.ToList(),
                Progress = shell.Streams.Progress.ToList(),
                Information = shell.Streams.Information.ToList(),
                Terminating = terminating,
            };
        }

        public void Dispose() => _runspace.Dispose();
    }
}
