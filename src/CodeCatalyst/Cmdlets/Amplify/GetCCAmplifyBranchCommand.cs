using System.Management.Automation;
using CodeCatalyst.Amplify.Models;
using CodeCatalyst.Amplify.Wire;

namespace CodeCatalyst.Cmdlets.Amplify
{
    /// <summary>Get-CCAmplifyBranch: lists an app's branches (ListBranches) or gets branches by name (GetBranch).</summary>
    [Cmdlet(VerbsCommon.Get, "CCAmplifyBranch")]
    [OutputType(typeof(Branch))]
    public sealed class GetCCAmplifyBranchCommand : AmplifyCmdlet
    {
        /// <summary>The app; an app, branch or job object binds by its AppId.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string AppId { get; set; } = "";

        /// <summary>
        /// Branch names: a name without wildcards is read with GetBranch; patterns list the app's branches and keep
        /// the matching ones (ListBranches has no filter). A job object binds by its BranchName.
        /// </summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? BranchName { get; set; }

        protected override void ProcessRecord()
        {
            var names = new NameFilter(BranchName);
            foreach (var name in names.ExactNames)
            {
                var input = new GetBranchInput { AppId = AppId, BranchName = name };
                if (TryRun(token => Api.GetBranchAsync(input, token), name, out var branch)) WriteObject(branch);
            }

            if (BranchName != null && !names.HasPatterns) return;
            try
            {
                WritePages((next, size, token) => Api.ListBranchesAsync(new ListBranchesInput
                    {
                        AppId = AppId,
                        NextToken = next,
                        MaxResults = WireOperations.ListBranches.ClampPageSize(size),
                    }, token),
                    names.HasPatterns ? branch => names.Matches(branch.BranchName) : (System.Func<Branch, bool>?)null);
            }
            catch (CodeCatalystException exception)
            {
                WriteFailure(exception, AppId);
            }
        }
    }
}
