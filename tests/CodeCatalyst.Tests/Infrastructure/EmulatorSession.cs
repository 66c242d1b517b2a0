using System;
using System.Linq;
using System.Security;
using System.Threading.Tasks;
using CodeCatalyst.Emulator;
using Xunit;

namespace CodeCatalyst.Tests.Infrastructure
{
    /// <summary>
    /// An emulator on a free loopback port and a PowerShell session with the module imported, whose CodeCatalyst
    /// cmdlets default to that emulator and a test token (through $PSDefaultParameterValues, as a user might).
    /// One per test class.
    /// </summary>
    public class EmulatorSession : IAsyncLifetime
    {
        public const string TestToken = "cc-test-token-3f9a8b7c6d5e4f30";

        public EmulatorServer Emulator { get; private set; } = null!;
        public PowerShellSession Shell { get; private set; } = null!;

        /// <summary>Emulated runs are this many times faster than the built-in durations.</summary>
        protected virtual double RunSpeed => 4;

        public async Task InitializeAsync()
        {
            Emulator = await EmulatorServer.StartAsync(new EmulatorOptions { RunSpeed = RunSpeed });
            Shell = new PowerShellSession();
            Shell.Runspace.SessionStateProxy.SetVariable("CCToken", ToSecureString(TestToken));
            Shell.Runspace.SessionStateProxy.SetVariable("CCEndpoint", Emulator.BaseAddress);
            Shell.Run("$PSDefaultParameterValues['*-CC*:EndpointUrl'] = $CCEndpoint; $PSDefaultParameterValues['*-CC*:Token'] = $CCToken");
        }

        public async Task DisposeAsync()
        {
            Shell.Dispose();
            await Emulator.DisposeAsync();
        }

        /// <summary>API requests (admin calls excluded) since the log was last cleared.</summary>
        public int ApiRequestCount(string? operation = null) =>
            Emulator.Requests.Count(r => operation == null || r.Operation == operation);

        public static SecureString ToSecureString(string value)
        {
            var secure = new SecureString();
            foreach (var character in value) secure.AppendChar(character);
            secure.MakeReadOnly();
            return secure;
        }
    }
}
