using System.Management.Automation;

namespace CodeCatalyst.Cmdlets.Account
{
    /// <summary>Disconnect-CCAccount: forgets what Connect-CCAccount stored for this PowerShell session.</summary>
    [Cmdlet(VerbsCommunications.Disconnect, "CCAccount", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(void))]
    public sealed class DisconnectCCAccountCommand : CodeCatalystCmdlet
    {
        protected override void ProcessRecord()
        {
            if (!ShouldProcess("this PowerShell session", "Remove the stored CodeCatalyst token and defaults")) return;
            WriteVerbose(SessionDefaultsStore.Clear(SessionState)
                ? "Removed the stored CodeCatalyst connection."
                : "There was no stored CodeCatalyst connection.");
        }
    }
}
