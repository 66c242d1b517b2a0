using System.Management.Automation;
using CodeCatalyst.Models;
using CodeCatalyst.Wire;

namespace CodeCatalyst.Cmdlets.Spaces
{
    /// <summary>Get-CCSubscription: the billing tier of a space and the AWS account that pays for it (GetSubscription).</summary>
    [Cmdlet(VerbsCommon.Get, "CCSubscription")]
    [OutputType(typeof(Subscription))]
    public sealed class GetCCSubscriptionCommand : CodeCatalystServiceCmdlet
    {
        /// <summary>The space; default the Connect-CCAccount space. A space object binds through its SpaceName alias.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(SpaceNameCompleter))]
        public string? SpaceName { get; set; }

        protected override void ProcessRecord()
        {
            if (!TryResolveSpace(SpaceName, out var space)) return;
            if (TryRun(token => Api.GetSubscriptionAsync(new GetSubscriptionInput { SpaceName = space }, token), space, out var subscription))
            {
                WriteObject(subscription);
            }
        }
    }
}
