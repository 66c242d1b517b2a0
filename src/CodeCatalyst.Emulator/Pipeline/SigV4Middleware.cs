using CodeCatalyst.Emulator.Amplify;
using CodeCatalyst.Emulator.Amplify.Auth;
using CodeCatalyst.Emulator.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace CodeCatalyst.Emulator.Pipeline;

/// <summary>Marks an AWS Amplify endpoint: SigV4 authentication, and Amplify's error shapes.</summary>
internal sealed class AmplifyEndpointMetadata
{
    public const string SigningName = "amplify";

    public static readonly AmplifyEndpointMetadata Instance = new();

    public static bool IsAmplify(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<AmplifyEndpointMetadata>() is not null;
}

/// <summary>
/// On Amplify endpoints: rejects a request unless it carries a valid SigV4 signature by one of the configured test
/// credentials or a temporary credential the identity endpoints issued (until it expires), within five minutes of the emulator's clock; and answers the shared layers' errors with Amplify's
/// shapes (BadRequestException, NotFoundException, ...). Other endpoints pass through untouched.
/// </summary>
internal sealed class SigV4Middleware(RequestDelegate next, EmulatorState state)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!AmplifyEndpointMetadata.IsAmplify(context))
        {
            await next(context);
            return;
        }

        try
        {
            await VerifyAsync(context);
            await next(context);
        }
        catch (ApiException exception) when (!context.Response.HasStarted)
        {
            throw AmplifyErrors.Translate(exception);
        }
    }

    private async Task VerifyAsync(HttpContext context)
    {
        var request = context.Request;
        request.EnableBuffering();
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, context.RequestAborted);
        request.Body.Position = 0;

        SigV4Verifier.Verify(
            ToSignedRequest(context, buffer.ToArray()), state.Identity.FindCredential, AmplifyEndpointMetadata.SigningName, state.Clock.GetUtcNow());
    }

    /// <summary>The request as the signature check sees it: path and query exactly as sent, and the body's bytes.</summary>
    public static SigV4Request ToSignedRequest(HttpContext context, byte[] body)
    {
        var request = context.Request;
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? request.Path.Value ?? "/";
        var queryStart = rawTarget.IndexOf('?');
        return new SigV4Request(
            request.Method,
            queryStart < 0 ? rawTarget : rawTarget[..queryStart],
            queryStart < 0 ? string.Empty : rawTarget[(queryStart + 1)..],
            name => request.Headers.TryGetValue(name, out var values) && values.Count > 0 ? string.Join(',', values.ToArray()) : null,
            body);
    }
}
