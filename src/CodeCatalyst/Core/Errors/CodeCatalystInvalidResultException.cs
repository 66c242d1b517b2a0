using System;
using System.Management.Automation;

namespace CodeCatalyst
{
    /// <summary>
    /// The service answered, but with something this module cannot use: a body that is not valid JSON, a body over
    /// the size limit, a null entry in a list, an item missing members the service model requires, or a paging token
    /// that would loop for ever. Nothing is written for the item; the rest of the command goes on.
    /// </summary>
    public sealed class CodeCatalystInvalidResultException : CodeCatalystException
    {
        public CodeCatalystInvalidResultException(string errorId, string operationName, string? requestId, string problem,
            Exception? innerException = null)
            : base($"{operationName} returned a result this module cannot use: {problem} (request id {requestId ?? "none"}).",
                ErrorCategory.InvalidResult, innerException)
        {
            ErrorId = errorId;
            OperationName = operationName;
            RequestId = requestId;
        }

        /// <summary>What went wrong, stable for scripts: InvalidResult, ResponseTooLarge or RepeatedNextToken.</summary>
        public string ErrorId { get; }

        public string OperationName { get; }
        public string? RequestId { get; }
    }
}
