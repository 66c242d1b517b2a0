using System.Management.Automation;
using CodeCatalyst.Models;

namespace CodeCatalyst.Cmdlets.Account
{
    /// <summary>
    /// Connect-CCAccount: stores a token or profile, an endpoint, and a default space and project for the rest of
    /// this PowerShell session, after checking the token with VerifySession.
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "CCAccount", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ConnectionContext))]
    public sealed class ConnectCCAccountCommand : CodeCatalystServiceCmdlet
    {
        [Parameter]
        [ValidateLength(3, 63)]
        [ValidatePattern(@"^[a-zA-Z0-9]+(?:[-_\.][a-zA-Z0-9]+)*$")]
        public string? SpaceName { get; set; }

        [Parameter]
        [ValidateLength(1, 63)]
        [ValidatePattern(@"^[a-zA-Z0-9]+(?:[-_\.][a-zA-Z0-9]+)*$")]
        public string? ProjectName { get; set; }

        /// <summary>Attempts per request, the first included (the AWS SDKs' max_attempts).</summary>
        [Parameter]
        [ValidateRange(1, 10)]
        public int MaxAttempts { get; set; }

        /// <summary>Store the settings without calling VerifySession.</summary>
        [Parameter]
        public SwitchParameter SkipVerification { get; set; }

        // A new connection starts clean: nothing falls back on what an earlier Connect-CCAccount stored.
        internal override SessionDefaults? Defaults => null;

        internal override int? MaxAttemptsOverride => MaxAttempts > 0 ? MaxAttempts : (int?)null;

        protected override void ProcessRecord()
        {
            if (Token != null && ProfileName != null)
            {
                ThrowTerminatingError(new ErrorRecord(
                    new PSArgumentException("Give either -Token or -ProfileName, not both."),
                    "TokenAndProfileGiven", ErrorCategory.InvalidArgument, ProfileName));
            }

            var endpoint = Api.Client.Endpoint;
            if (!ShouldProcess(endpoint.ToString(), "Store CodeCatalyst connection defaults for this session")) return;

            string? identity = null;
            string tokenSource;
            try
            {
                if (SkipVerification)
                {
                    tokenSource = Token != null ? "-Token parameter" : ProfileName != null ? $"SSO profile '{ProfileName}'" : "resolved at each call";
                }
                else
                {
                    identity = Run(token => Api.VerifySessionAsync(token));
                    tokenSource = Api.Client.TokenSource ?? "";
                }
            }
            catch (CodeCatalystException exception)
            {
                // Nothing is stored when the check fails: the session keeps what it had.
                WriteFailure(exception, endpoint);
                return;
            }

            SessionDefaultsStore.Set(new SessionDefaults
            {
                Endpoint = EndpointUrl != null ? endpoint : null,
                Token = Token?.Copy(),
                ProfileName = ProfileName,
                SpaceName = SpaceName,
                ProjectName = ProjectName,
                MaxAttempts = MaxAttemptsOverride,
                Identity = identity,
                TokenSource = tokenSource,
            });
            SessionDefaultsStore.Current!.Token?.MakeReadOnly();

            WriteObject(new ConnectionContext
            {
                Endpoint = endpoint.ToString(),
                TokenSource = tokenSource,
                SpaceName = SpaceName,
                ProjectName = ProjectName,
                Identity = identity,
                MaxAttempts = MaxAttemptsOverride ?? MaxAttemptsFromEnvironment(),
            });
        }
    }
}
