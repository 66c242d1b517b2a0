using System;
using System.Collections.Generic;
using CodeCatalyst.Models;

namespace CodeCatalyst.Core.Json
{
    /// <summary>
    /// The members the service model marks required in each answer the module reads (codecatalyst 2022-09-28). An
    /// item without them is not passed on with empty values: a script would act on a run with no id or status.
    /// JSON names, so the error says what the wire lacked.
    /// </summary>
    internal static class RequiredMembers
    {
        public static List<string> MissingFrom(WorkflowSummary item)
        {
            var missing = new List<string>();
            Check(missing, "id", item.Id);
            Check(missing, "name", item.Name);
            Check(missing, "sourceRepositoryName", item.SourceRepositoryName);
            Check(missing, "sourceBranchName", item.SourceBranchName);
            Check(missing, "definition", item.Definition?.Path);
            Check(missing, "createdTime", item.CreatedTime);
            Check(missing, "lastUpdatedTime", item.LastUpdatedTime);
            Check(missing, "runMode", item.RunMode);
            Check(missing, "status", item.Status);
            return missing;
        }

        /// <summary>GetWorkflowResponse.</summary>
        public static List<string> MissingFrom(Workflow item)
        {
            var missing = new List<string>();
            Check(missing, "spaceName", item.SpaceName);
            Check(missing, "projectName", item.ProjectName);
            Check(missing, "id", item.Id);
            Check(missing, "name", item.Name);
            Check(missing, "definition", item.Definition?.Path);
            Check(missing, "createdTime", item.CreatedTime);
            Check(missing, "lastUpdatedTime", item.LastUpdatedTime);
            Check(missing, "runMode", item.RunMode);
            Check(missing, "status", item.Status);
            return missing;
        }

        public static List<string> MissingFrom(WorkflowRunSummary item)
        {
            var missing = new List<string>();
            Check(missing, "id", item.Id);
            Check(missing, "workflowId", item.WorkflowId);
            Check(missing, "workflowName", item.WorkflowName);
            Check(missing, "status", item.Status);
            Check(missing, "startTime", item.StartTime);
            Check(missing, "lastUpdatedTime", item.LastUpdatedTime);
            return missing;
        }

        /// <summary>GetWorkflowRunResponse.</summary>
        public static List<string> MissingFrom(WorkflowRun item)
        {
            var missing = new List<string>();
            Check(missing, "spaceName", item.SpaceName);
            Check(missing, "projectName", item.ProjectName);
            Check(missing, "id", item.Id);
            Check(missing, "workflowId", item.WorkflowId);
            Check(missing, "status", item.Status);
            Check(missing, "startTime", item.StartTime);
            Check(missing, "lastUpdatedTime", item.LastUpdatedTime);
            return missing;
        }

        /// <summary>StartWorkflowRunResponse.</summary>
        public static List<string> MissingFrom(WorkflowRunStartResult item)
        {
            var missing = new List<string>();
            Check(missing, "spaceName", item.SpaceName);
            Check(missing, "projectName", item.ProjectName);
            Check(missing, "id", item.Id);
            Check(missing, "workflowId", item.WorkflowId);
            return missing;
        }

        // The model types default strings to "" and times to DateTime.MinValue, which is what an absent member leaves.
        private static void Check(List<string> missing, string name, string? value)
        {
            if (string.IsNullOrEmpty(value)) missing.Add(name);
        }

        private static void Check(List<string> missing, string name, DateTime value)
        {
            if (value == default) missing.Add(name);
        }
    }
}
