using System.Management.Automation;
using CodeCatalyst.Amplify.Models;
using CodeCatalyst.Amplify.Wire;
// System.Management.Automation has a Job type of its own.
using Job = CodeCatalyst.Amplify.Models.Job;

namespace CodeCatalyst.Cmdlets.Amplify
{
    /// <summary>Get-CCAmplifyJob: lists a branch's jobs, newest first (ListJobs), or gets jobs by id with their steps (GetJob).</summary>
    [Cmdlet(VerbsCommon.Get, "CCAmplifyJob", DefaultParameterSetName = ListSet)]
    [OutputType(typeof(JobSummary), ParameterSetName = new[] { ListSet })]
    [OutputType(typeof(Job), ParameterSetName = new[] { JobIdSet })]
    public sealed class GetCCAmplifyJobCommand : AmplifyListCmdlet
    {
        private const string JobIdSet = "JobId";

        /// <summary>The app; a branch or job object binds by its AppId.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string AppId { get; set; } = "";

        /// <summary>The branch; a branch or job object binds by its BranchName.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string BranchName { get; set; } = "";

        /// <summary>Job ids; a job object binds by its JobId.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = JobIdSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[] JobId { get; set; } = new string[0];

        protected override void ProcessRecord()
        {
            if (ParameterSetName == JobIdSet)
            {
                foreach (var jobId in JobId)
                {
                    var input = new GetJobInput { AppId = AppId, BranchName = BranchName, JobId = jobId };
                    if (TryRun(token => Api.GetJobAsync(input, token), jobId, out var job)) WriteObject(job);
                }

                return;
            }

            try
            {
                WritePages((next, size, token) => Api.ListJobsAsync(new ListJobsInput
                    {
                        AppId = AppId,
                        BranchName = BranchName,
                        NextToken = next,
                        MaxResults = WireOperations.ListJobs.ClampPageSize(size),
                    }, token));
            }
            catch (CodeCatalystException exception)
            {
                WriteFailure(exception, BranchName);
            }
        }
    }
}
