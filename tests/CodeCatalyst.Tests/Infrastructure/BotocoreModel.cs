using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace CodeCatalyst.Tests.Infrastructure
{
    /// <summary>
    /// The official CodeCatalyst service model as botocore (installed with python3) reads it: the operation names and
    /// the error shapes with their HTTP status. Read once per test run.
    /// </summary>
    public sealed class BotocoreModel
    {
        private const string Script =
            "import botocore.session, json\n" +
            "model = botocore.session.get_session().get_service_model('codecatalyst')\n" +
            "print(json.dumps({'operations': list(model.operation_names),\n" +
            "                  'errors': {shape.name: shape.metadata.get('error', {}).get('httpStatusCode') for shape in model.error_shapes}}))\n";

        private static readonly Lazy<(BotocoreModel? Model, string Problem)> Loaded = new(Load);

        private BotocoreModel(IReadOnlyList<string> operations, IReadOnlyDictionary<string, int> errorStatuses)
        {
            Operations = operations;
            ErrorStatuses = errorStatuses;
        }

        public IReadOnlyList<string> Operations { get; }

        /// <summary>Each error shape of the model (e.g. ConflictException) and the HTTP status it comes with.</summary>
        public IReadOnlyDictionary<string, int> ErrorStatuses { get; }

        /// <summary>The model, or null when python3 or botocore cannot be found (see <see cref="Problem"/>).</summary>
        public static BotocoreModel? Instance => Loaded.Value.Model;

        public static string Problem => Loaded.Value.Problem;

        private static (BotocoreModel?, string) Load()
        {
            var start = new ProcessStartInfo("python3")
            {
                ArgumentList = { "-c", Script },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            Process process;
            try
            {
                process = Process.Start(start) ?? throw new Win32Exception("python3 did not start");
            }
            catch (Win32Exception exception)
            {
                return (null, "python3 was not found on PATH (" + exception.Message + "); it and botocore carry the service model");
            }

            using (process)
            {
                var output = process.StandardOutput.ReadToEndAsync();
                var error = process.StandardError.ReadToEndAsync();
                if (!process.WaitForExit(60_000))
                {
                    process.Kill(entireProcessTree: true);
                    throw new TimeoutException("python3 did not read the botocore model within a minute");
                }

                if (process.ExitCode != 0)
                {
                    // Only a missing botocore is a reason to skip; any other failure is a failure.
                    if (error.Result.Contains("No module named 'botocore'")) return (null, "botocore is not installed for python3");
                    throw new InvalidOperationException("python3 could not read the botocore model: " + error.Result);
                }

                using var document = JsonDocument.Parse(output.Result);
                var operations = document.RootElement.GetProperty("operations").EnumerateArray().Select(o => o.GetString()!).ToList();
                var errors = document.RootElement.GetProperty("errors").EnumerateObject()
                    .ToDictionary(e => e.Name, e => e.Value.GetInt32());
                return (new BotocoreModel(operations, errors), "");
            }
        }
    }

    /// <summary>A test that needs the botocore model; skipped, saying why, only where python3 or botocore is missing.</summary>
    public sealed class BotocoreFactAttribute : FactAttribute
    {
        public BotocoreFactAttribute()
        {
            if (BotocoreModel.Instance == null) Skip = "Needs the CodeCatalyst service model from botocore: " + BotocoreModel.Problem + ".";
        }
    }
}
