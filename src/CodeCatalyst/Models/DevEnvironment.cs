using System;
using System.Collections.Generic;

namespace CodeCatalyst.Models
{
    // What the generated dev environment types (Wire/Generated/Models.g.cs) do not know by themselves: how their
    // parts read in a table or list, and how a plain name given to -Ide or -Repository becomes one of them.

    public sealed partial class DevEnvironmentRepositorySummary
    {
        public override string ToString() => BranchName == null ? RepositoryName : RepositoryName + " (" + BranchName + ")";
    }

    public sealed partial class Ide
    {
        public override string ToString() => Runtime == null ? Name ?? "" : (Name ?? "") + " (" + Runtime + ")";
    }

    public sealed partial class PersistentStorage
    {
        public override string ToString() => SizeInGiB.HasValue ? SizeInGiB.Value + " GiB" : "";
    }

    public sealed partial class PersistentStorageConfiguration
    {
        public override string ToString() => SizeInGiB.HasValue ? SizeInGiB.Value + " GiB" : "";
    }

    public sealed partial class IdeConfiguration
    {
        /// <summary>
        /// PowerShell converts a string given to -Ide through this method, so <c>-Ide VSCode</c> works next to
        /// <c>-Ide @{ name = 'PyCharm'; runtime = '...' }</c>.
        /// </summary>
        public static IdeConfiguration Parse(string name) => new IdeConfiguration { Name = name };

        public override string ToString() => Runtime == null ? Name ?? "" : (Name ?? "") + " (" + Runtime + ")";
    }

    public sealed partial class RepositoryInput
    {
        /// <summary>
        /// PowerShell converts a string given to -Repository through this method: the repository, on its default
        /// branch. A hashtable with repositoryName and branchName names a branch.
        /// </summary>
        public static RepositoryInput Parse(string repositoryName) => new RepositoryInput { RepositoryName = repositoryName };

        public override string ToString() => BranchName == null ? RepositoryName : RepositoryName + " (" + BranchName + ")";
    }

    /// <summary>
    /// The dev environment statuses of the service model. Status properties stay strings so a status the service
    /// adds later passes through instead of failing deserialization.
    /// </summary>
    public static class DevEnvironmentStatus
    {
        public const string Pending = "PENDING";
        public const string Running = "RUNNING";
        public const string Starting = "STARTING";
        public const string Stopping = "STOPPING";
        public const string Stopped = "STOPPED";
        public const string Failed = "FAILED";
        public const string Deleting = "DELETING";
        public const string Deleted = "DELETED";

        // From these a dev environment never reaches RUNNING or STOPPED by itself: FAILED needs a person to act,
        // and one being deleted is gone for good. A wait for RUNNING or STOPPED ends on them as a failure.
        private static readonly string[] FailureStatuses = { Failed, Deleting, Deleted };

        /// <summary>
        /// True for FAILED, DELETING and DELETED. Unknown statuses count as not failed: waiting longer on a new
        /// in-between status is safer than reporting a failure that is not one.
        /// </summary>
        public static bool IsFailure(string? status) => Contains(FailureStatuses, status);

        internal static bool Contains(IEnumerable<string> statuses, string? status)
        {
            if (status == null) return false;
            foreach (var candidate in statuses)
            {
                if (string.Equals(candidate, status, StringComparison.OrdinalIgnoreCase)) return true;
            }

            return false;
        }
    }
}
