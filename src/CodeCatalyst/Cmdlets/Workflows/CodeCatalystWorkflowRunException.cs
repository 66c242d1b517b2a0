using System.Management.Automation;
using CodeCatalyst.Models;
using CodeCatalyst.Wire;

namespace CodeCatalyst
{
    /// <summary>A workflow run ended badly, or did not end in time. Carries the run as last seen (null if never seen).</summary>
    public sealed class CodeCatalystWorkflowRunException : CodeCatalystException
    {
        public CodeCatalystWorkflowRunException(string message, WorkflowRun? run, string errorId, ErrorCategory category)
            : base(message, category, null)
        {
            Run = run;
            ErrorId = errorId;
        }

        public WorkflowRun? Run { get; }
        public string ErrorId { get; }
    }
}
