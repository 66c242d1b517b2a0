using System;

namespace CodeCatalyst.Amplify.Models
{
    /// <summary>
    /// A job read by id: GetJob nests what ListJobs gives in a summary. Its keys and state are lifted to the top, so a
    /// job pipes on by JobId (Wait, Stop, Remove) and shows like the listed ones.
    /// </summary>
    public sealed partial class Job
    {
        public string JobId => Summary?.JobId ?? "";
        public string JobType => Summary?.JobType ?? "";
        public string Status => Summary?.Status ?? "";
        public DateTime? StartTime => Summary?.StartTime;
        public DateTime? EndTime => Summary?.EndTime;
        public string CommitId => Summary?.CommitId ?? "";
        public string CommitMessage => Summary?.CommitMessage ?? "";

        public override string ToString() => JobId;
    }

    /// <summary>A listed job shows as its id.</summary>
    public sealed partial class JobSummary
    {
        public override string ToString() => JobId;
    }
}
