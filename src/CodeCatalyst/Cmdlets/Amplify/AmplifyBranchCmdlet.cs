using System.Management.Automation;

namespace CodeCatalyst.Cmdlets.Amplify
{
    /// <summary>
    /// Base of the Amplify cmdlets that act on one branch: -AppId and -BranchName, bound from a piped branch, job or
    /// job summary by those names, which only Amplify's objects carry.
    /// </summary>
    public abstract class AmplifyBranchCmdlet : AmplifyCmdlet
    {
        /// <summary>The app; a branch, job or job summary binds by its AppId.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string AppId { get; set; } = "";

        /// <summary>The branch; a branch, job or job summary binds by its BranchName.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string BranchName { get; set; } = "";
    }

    /// <summary>Base of the Amplify cmdlets that act on jobs of a branch: -JobId too, bound from a piped job or job summary.</summary>
    public abstract class AmplifyJobCmdlet : AmplifyBranchCmdlet
    {
        /// <summary>Job ids; a job or job summary binds by its JobId.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[] JobId { get; set; } = new string[0];
    }
}
