using System;
using System.Management.Automation;
using System.Security;
using CodeCatalyst.Cmdlets.Amplify;

namespace CodeCatalyst.Cmdlets
{
    /// <summary>What Connect-CCAccount stored for one PowerShell session (runspace).</summary>
    internal sealed class SessionDefaults
    {
        public Uri? Endpoint { get; set; }
        public SecureString? Token { get; set; }
        public string? ProfileName { get; set; }
        public string? SpaceName { get; set; }
        public string? ProjectName { get; set; }
        public int? MaxAttempts { get; set; }
        public int? RequestTimeoutSec { get; set; }
        public string? Identity { get; set; }
        public string? TokenSource { get; set; }

        /// <summary>The AWS Region for the Amplify cmdlets.</summary>
        public string? Region { get; set; }

        /// <summary>An AWS access key for the Amplify cmdlets, its secret parts as SecureStrings.</summary>
        public AwsKeyParameters? AwsKeys { get; set; }
    }

    /// <summary>
    /// Keeps the defaults the way a variable lives: in a global variable of the PowerShell session. So two
    /// runspaces in one host (jobs, tests, a hosted automation worker) never see each other's token, and when
    /// ForEach-Object -Parallel reuses a runspace, the engine's reset of its global variables between iterations
    /// (InitialSessionState.ResetRunspaceState) forgets what an earlier iteration connected. A module-scope or
    /// per-runspace store would survive that reset.
    /// </summary>
    internal static class SessionDefaultsStore
    {
        private const string VariableName = "global:__CodeCatalystConnectionDefaults";

        public static SessionDefaults? Get(SessionState sessionState) =>
            sessionState.PSVariable.GetValue(VariableName) as SessionDefaults;

        /// <summary>
        /// The same, read where there is no command: an argument completer runs on the session's pipeline thread while
        /// TabExpansion2 is running, where the runspace's SessionStateProxy may not be used but a script block may.
        /// </summary>
        public static SessionDefaults? GetFromCurrentRunspace()
        {
            var values = ScriptBlock.Create("$" + VariableName).Invoke();
            return values.Count == 1 ? values[0]?.BaseObject as SessionDefaults : null;
        }

        public static void Set(SessionState sessionState, SessionDefaults defaults)
        {
            sessionState.PSVariable.Set(VariableName, defaults);
            sessionState.PSVariable.Get(VariableName).Description =
                "What Connect-CCAccount stored for this session (the token and any AWS secret key as SecureStrings); Disconnect-CCAccount removes it.";
        }

        public static bool Clear(SessionState sessionState)
        {
            var defaults = Get(sessionState);
            if (defaults == null) return false;
            defaults.Token?.Dispose();
            defaults.AwsKeys?.Dispose();
            sessionState.PSVariable.Remove(VariableName);
            return true;
        }
    }
}
