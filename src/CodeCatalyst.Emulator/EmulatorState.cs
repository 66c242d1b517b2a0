using CodeCatalyst.Emulator.Amplify.State;
using CodeCatalyst.Emulator.Auth;
using CodeCatalyst.Emulator.Diagnostics;
using CodeCatalyst.Emulator.Identity;
using CodeCatalyst.Emulator.State;

namespace CodeCatalyst.Emulator;

/// <summary>Everything mutable in one emulator instance, so a reset cannot forget a part.</summary>
internal sealed class EmulatorState(
    EmulatorStore store,
    AmplifyStore amplify,
    RequestLog requestLog,
    FaultInjector faults,
    TokenAuthority tokens,
    IdentityStore identity,
    TimeProvider clock)
{
    /// <summary>
    /// The emulator's clock. Kept out of the DI container on purpose: a test's fake clock must not reach
    /// Kestrel's own timeouts.
    /// </summary>
    public TimeProvider Clock { get; } = clock;

    public EmulatorStore Store { get; } = store;

    /// <summary>AWS Amplify's apps, branches and jobs (a separate service, served on the same server).</summary>
    public AmplifyStore Amplify { get; } = amplify;

    public RequestLog RequestLog { get; } = requestLog;

    public FaultInjector Faults { get; } = faults;

    public TokenAuthority Tokens { get; } = tokens;

    /// <summary>The AWS credentials the SigV4 routes accept, configured and issued (STS, SSO, container, IMDS).</summary>
    public IdentityStore Identity { get; } = identity;

    /// <summary>Back to the starting data set, with an empty request log, no pending faults and no issued tokens or credentials.</summary>
    public void Reset()
    {
        Store.Reset();
        Amplify.Reset();
        RequestLog.Clear();
        Faults.Clear();
        Tokens.Reset();
        Identity.Reset();
    }
}
