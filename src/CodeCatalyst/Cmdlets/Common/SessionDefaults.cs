using System;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using System.Security;

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
    }

    /// <summary>
    /// Keeps defaults per runspace, not per process, so two runspaces in one host (jobs, tests, a hosted
    /// automation worker) never see each other's token. Entries go away with their runspace.
    /// </summary>
    internal static class SessionDefaultsStore
    {
        private static readonly ConditionalWeakTable<Runspace, SessionDefaults> Store =
            new ConditionalWeakTable<Runspace, SessionDefaults>();

        public static SessionDefaults? Current
        {
            get
            {
                var runspace = Runspace.DefaultRunspace;
                return runspace != null && Store.TryGetValue(runspace, out var defaults) ? defaults : null;
            }
        }

        public static void Set(SessionDefaults defaults)
        {
            var runspace = Runspace.DefaultRunspace ?? throw new InvalidOperationException("There is no current runspace.");
            Store.Remove(runspace);
            Store.Add(runspace, defaults);
        }

        public static bool Clear()
        {
            var runspace = Runspace.DefaultRunspace;
            if (runspace == null || !Store.TryGetValue(runspace, out var defaults)) return false;
            defaults.Token?.Dispose();
            return Store.Remove(runspace);
        }
    }
}
