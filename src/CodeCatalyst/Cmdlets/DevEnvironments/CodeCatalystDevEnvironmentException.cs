using System.Management.Automation;
using CodeCatalyst.Models;

namespace CodeCatalyst
{
    /// <summary>
    /// A dev environment ended in a status it cannot come back from, or did not reach the status waited for in
    /// time. Carries the dev environment as last seen (null if never seen).
    /// </summary>
    public sealed class CodeCatalystDevEnvironmentException : CodeCatalystException
    {
        public CodeCatalystDevEnvironmentException(string message, DevEnvironment? devEnvironment, string errorId, ErrorCategory category)
            : base(message, category, null)
        {
            DevEnvironment = devEnvironment;
            ErrorId = errorId;
        }

        public DevEnvironment? DevEnvironment { get; }
        public string ErrorId { get; }
    }
}
