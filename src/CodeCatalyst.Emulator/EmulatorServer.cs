using CodeCatalyst.Emulator.Amplify.State;
using CodeCatalyst.Emulator.Auth;
using CodeCatalyst.Emulator.Data;
using CodeCatalyst.Emulator.Diagnostics;
using CodeCatalyst.Emulator.Endpoints;
using CodeCatalyst.Emulator.Identity;
using CodeCatalyst.Emulator.Pipeline;
using CodeCatalyst.Emulator.Protocol;
using CodeCatalyst.Emulator.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CodeCatalyst.Emulator;

/// <summary>
/// A running emulator: a real Kestrel server on a loopback socket, plus in-process access to its request
/// log, fault injection and data, so tests can arrange and inspect what the HTTP clients under test see.
/// </summary>
public sealed class EmulatorServer : IAsyncDisposable
{
    private readonly WebApplication application;
    private readonly EmulatorState state;

    private EmulatorServer(WebApplication application, EmulatorState state, EmulatorOptions options, Uri baseAddress)
    {
        this.application = application;
        this.state = state;
        Options = options;
        BaseAddress = baseAddress;
    }

    public EmulatorOptions Options { get; }

    /// <summary>The root URL to point clients at, for example <c>http://127.0.0.1:49152/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>A snapshot of the requests received so far, oldest first (admin endpoints are not recorded).</summary>
    public IReadOnlyList<RecordedRequest> Requests => state.RequestLog.Snapshot();

    /// <summary>Starts an emulator and returns once it accepts connections.</summary>
    /// <exception cref="InvalidDataException">The data file is malformed.</exception>
    public static async Task<EmulatorServer> StartAsync(EmulatorOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!double.IsFinite(options.RunSpeed) || options.RunSpeed <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "RunSpeed must be a positive number.");
        }

        var dataSet = options.DataFile is null ? DataSetLoader.LoadBuiltIn() : DataSetLoader.LoadFile(options.DataFile);
        var state = new EmulatorState(
            new EmulatorStore(dataSet, options.TimeProvider, options.RunSpeed),
            new AmplifyStore(dataSet.Amplify, options.TimeProvider, options.RunSpeed),
            new RequestLog(),
            new FaultInjector(),
            new TokenAuthority(options.RequiredToken),
            new IdentityStore(options.AwsCredentials, options.TimeProvider),
            options.TimeProvider);

        var application = BuildApplication(options, state);
        await application.StartAsync(cancellationToken);
        return new EmulatorServer(application, state, options, ResolveBaseAddress(application));
    }

    /// <summary>
    /// The temporary AWS credentials the identity endpoints (STS, SSO portal, container, IMDS) have issued so far, so
    /// tests can check that none of their secrets shows up anywhere it should not.
    /// </summary>
    public IReadOnlyList<AwsTestCredential> IssuedAwsCredentials => state.Identity.Issued();

    public void ClearRequests() => state.RequestLog.Clear();

    /// <summary>Makes the next <see cref="FaultSpec.Count"/> matching requests fail as described.</summary>
    public void InjectFaults(FaultSpec fault) => state.Faults.Add(fault);

    public void ClearFaults() => state.Faults.Clear();

    /// <summary>Adds finished runs of a workflow (older than any existing run) and returns their ids, newest first.</summary>
    public IReadOnlyList<string> SeedRuns(string spaceName, string projectName, string workflowId, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        return state.Store.SeedFinishedRuns(spaceName, projectName, workflowId, count);
    }

    /// <summary>Makes the OIDC endpoint refuse this refresh token with invalid_grant from now on.</summary>
    public void RevokeRefreshToken(string refreshToken) => state.Tokens.RevokeRefreshToken(refreshToken);

    /// <summary>Back to the starting data, with an empty log, no pending faults and no issued tokens or AWS credentials.</summary>
    public void Reset() => state.Reset();

    /// <summary>Completes when the server stops (Ctrl+C for the standalone emulator).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) =>
        application.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await application.StopAsync();
        await application.DisposeAsync();
    }

    private static WebApplication BuildApplication(EmulatorOptions options, EmulatorState state)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            // Not the caller's working directory: the emulator reads no files from there.
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseUrls(options.Urls);
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);

        builder.Services.ConfigureHttpJsonOptions(json => WireJson.Configure(json.SerializerOptions));
        builder.Services.AddSingleton(state);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(state.Store);
        builder.Services.AddSingleton(state.Amplify);
        builder.Services.AddSingleton(state.RequestLog);
        builder.Services.AddSingleton(state.Faults);
        builder.Services.AddSingleton(state.Tokens);

        var application = builder.Build();
        // Order matters: the id and log wrap everything; routing runs before the fault and auth stages so the
        // log can name the operation even for faulted or rejected requests.
        application.UseMiddleware<RequestIdMiddleware>();
        application.UseMiddleware<RequestLoggingMiddleware>();
        application.UseRouting();
        application.UseMiddleware<FaultInjectionMiddleware>();
        application.UseMiddleware<ApiExceptionMiddleware>();
        application.UseMiddleware<SigV4Middleware>();
        application.UseMiddleware<BearerTokenMiddleware>();
        application.MapEmulatorRoutes();
        return application;
    }

    /// <summary>The first bound address, made connectable: wildcard hosts become loopback.</summary>
    private static Uri ResolveBaseAddress(WebApplication application)
    {
        var bound = new UriBuilder(application.Urls.First());
        if (bound.Host is "0.0.0.0" or "[::]" or "::" or "+" or "*")
        {
            bound.Host = "127.0.0.1";
        }

        return bound.Uri;
    }
}
