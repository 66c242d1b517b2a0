using CodeCatalyst.Wire;
using System.Management.Automation;
using CodeCatalyst.Models;

namespace CodeCatalyst.Cmdlets.Account
{
    /// <summary>Test-CCSession: checks that the token is accepted (VerifySession) and says whose it is.</summary>
    [Cmdlet(VerbsDiagnostic.Test, "CCSession")]
    [OutputType(typeof(SessionInfo), typeof(bool))]
    public sealed class TestCCSessionCommand : CodeCatalystServiceCmdlet
    {
        /// <summary>Output only $true or $false, with no error, for use in if statements.</summary>
        [Parameter]
        public SwitchParameter Quiet { get; set; }

        protected override void ProcessRecord()
        {
            try
            {
                var identity = Run(token => Api.VerifySessionAsync(new VerifySessionInput(), token)).Identity;
                if (Quiet)
                {
                    WriteObject(true);
                    return;
                }

                WriteObject(new SessionInfo
                {
                    Identity = identity,
                    Endpoint = Api.Client.Endpoint.ToString(),
                    TokenSource = Api.Client.TokenSource ?? "",
                });
            }
            catch (CodeCatalystException exception)
            {
                if (Quiet)
                {
                    WriteVerbose(exception.Message);
                    WriteObject(false);
                    return;
                }

                WriteFailure(exception, Api.Client.Endpoint);
            }
        }
    }
}
