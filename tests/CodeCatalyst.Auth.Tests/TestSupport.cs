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
}
