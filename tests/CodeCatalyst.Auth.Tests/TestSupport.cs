using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using CodeCatalyst.Core.Auth;

namespace CodeCatalyst.Auth.Tests
{
    /// <summary>An environment that sees only what the test puts in it.</summary>
    internal sealed class FakeEnvironment : IAuthEnvironment
    {
        public FakeEnvironment(string? home)
        {
            Home = home;
        }

        public string? Home { get; set; }

        public Dictionary<string, string> Variables { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

        public string? GetEnvironmentVariable(string name) => Variables.TryGetValue(name, out string? value) ? value : null;

        public string? GetHomeDirectory() => Home;

        public FakeEnvironment With(string name, string value)
        {
            Variables[name] = value;
            return this;
        }
    }

    /// <summary>A throw-away home directory with ~/.aws/config and the SSO cache.</summary>
    internal sealed class TempHome : IDisposable
    {
        public TempHome()
        {
            Root = Path.Combine(Path.GetTempPath(), "cc-auth-tests-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Path.Combine(Root, ".aws"));
            Environment = new FakeEnvironment(Root);
        }

        public string Root { get; }

        public FakeEnvironment Environment { get; }

        public string ConfigPath => Path.Combine(Root, ".aws", "config");

        public string CacheDirectory => Path.Combine(Root, ".aws", "sso", "cache");

        public TempHome WriteConfig(string text)
        {
            File.WriteAllText(ConfigPath, text);
            return this;
        }

        public string CachePath(string session) => Path.Combine(CacheDirectory, SsoTokenCache.GetCacheKey(session) + ".json");

        public TempHome WriteCache(string session, string json)
        {
            Directory.CreateDirectory(CacheDirectory);
            File.WriteAllText(CachePath(session), json);
            return this;
        }

        public string ReadCache(string session) => File.ReadAllText(CachePath(session));

        public void Dispose()
        {
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    internal sealed class RecordedRequest
    {
        public RecordedRequest(HttpRequestMessage request, string body)
        {
            Method = request.Method.Method;
            Uri = request.RequestUri!;
            Body = body;
            ContentType = request.Content?.Headers.ContentType?.ToString();
            UserAgent = request.Headers.TryGetValues("User-Agent", out IEnumerable<string>? ua) ? string.Join(" ", ua) : null;
        }

        public string Method { get; }

        public Uri Uri { get; }

        public string Body { get; }

        public string? ContentType { get; }

        public string? UserAgent { get; }
    }

    /// <summary>Stands in for the SSO OIDC service; records every request it receives.</summary>
    internal sealed class StubOidcHandler : HttpMessageHandler
    {
        private readonly Func<RecordedRequest, Task<HttpResponseMessage>> _respond;
        private int _calls;

        public StubOidcHandler(Func<RecordedRequest, Task<HttpResponseMessage>> respond)
        {
            _respond = respond;
        }

        public List<RecordedRequest> Requests { get; } = new List<RecordedRequest>();

        public int Calls => Volatile.Read(ref _calls);

        public static StubOidcHandler Json(HttpStatusCode status, string json, string? errorType = null) =>
            new StubOidcHandler(_ => Task.FromResult(Response(status, json, errorType)));

        /// <summary>A handler that fails the test if the provider touches the network.</summary>
        public static StubOidcHandler Forbidden() =>
            new StubOidcHandler(_ => throw new InvalidOperationException("no HTTP call was expected"));

        public static HttpResponseMessage Response(HttpStatusCode status, string json, string? errorType = null)
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
            if (errorType != null)
            {
                response.Headers.TryAddWithoutValidation("x-amzn-ErrorType", errorType);
            }

            return response;
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            string body = request.Content == null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
            var recorded = new RecordedRequest(request, body);
            lock (Requests)
            {
                Requests.Add(recorded);
            }

            return await _respond(recorded);
        }
    }

    /// <summary>A clock the test moves by hand.</summary>
    internal sealed class ManualClock
    {
        public ManualClock(DateTimeOffset now)
        {
            Now = now;
        }

        public DateTimeOffset Now { get; set; }

        public Func<DateTimeOffset> Func => () => Now;
    }

    /// <summary>
    /// python3 with botocore, the reference the parity tests hold the module to. Each helper script lives beside the
    /// test assembly; it runs with the machine's AWS_* variables removed, so only what the test gives it counts.
    /// </summary>
    internal static class Botocore
    {
        private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> Importable =
            new System.Collections.Concurrent.ConcurrentDictionary<string, bool>(StringComparer.Ordinal);

        /// <summary>Whether python3 can import the module (botocore.auth, botocore.tokens...); asked once per module.</summary>
        public static bool CanImport(string module) => Importable.GetOrAdd(module, name =>
        {
            try
            {
                var start = new System.Diagnostics.ProcessStartInfo("python3", "-c \"import " + name + "\"")
                {
                    RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false,
                };
                using var process = System.Diagnostics.Process.Start(start)!;
                process.WaitForExit(30000);
                return process.ExitCode == 0;
            }
            catch (System.ComponentModel.Win32Exception)
            {
                return false;  // no python3 on this machine
            }
        });

        /// <summary>
        /// Runs a helper script with arguments, extra environment variables and optional standard input, bounded at
        /// 60 s. <paramref name="withoutProxy"/> also drops the proxy variables, for scripts that call loopback stubs.
        /// </summary>
        public static (int ExitCode, string Stdout, string Stderr) Run(string script, IEnumerable<string> arguments,
            IReadOnlyDictionary<string, string>? variables = null, string? standardInput = null, bool withoutProxy = false)
        {
            var start = new System.Diagnostics.ProcessStartInfo("python3")
            {
                RedirectStandardInput = standardInput != null, RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false,
            };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, script));
            foreach (string argument in arguments) start.ArgumentList.Add(argument);
            foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
            {
                string key = (string)entry.Key;
                if (key.StartsWith("AWS_", StringComparison.OrdinalIgnoreCase) || (withoutProxy && key.EndsWith("_PROXY", StringComparison.OrdinalIgnoreCase)))
                {
                    start.Environment.Remove(key);
                }
            }

            if (withoutProxy) start.Environment["NO_PROXY"] = "*";
            foreach (KeyValuePair<string, string> pair in variables ?? new Dictionary<string, string>())
            {
                start.Environment[pair.Key] = pair.Value;
            }

            using var process = System.Diagnostics.Process.Start(start)!;
            if (standardInput != null)
            {
                process.StandardInput.Write(standardInput);
                process.StandardInput.Close();
            }

            Task<string> stdout = process.StandardOutput.ReadToEndAsync();
            Task<string> stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(60000))
            {
                process.Kill();
                throw new TimeoutException(script + " did not finish within 60 s");
            }

            return (process.ExitCode, stdout.Result, stderr.Result);
        }
    }
}
