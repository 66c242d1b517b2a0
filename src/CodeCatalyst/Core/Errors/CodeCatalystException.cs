using System;
using System.Management.Automation;

namespace CodeCatalyst
{
    /// <summary>Base of every error this module raises; catch it to handle any CodeCatalyst failure.</summary>
    public class CodeCatalystException : Exception
    {
        public CodeCatalystException(string message, Exception? innerException = null)
            : this(message, ErrorCategory.NotSpecified, innerException)
        {
        }

        protected CodeCatalystException(string message, ErrorCategory category, Exception? innerException)
            : base(message, innerException)
        {
            Category = category;
        }

        /// <summary>
        /// The PowerShell error category of this failure, decided where the failure is understood (the error
        /// shape and HTTP status of a service answer, the kind of set-up problem), so the ErrorRecord needs no guess.
        /// </summary>
        public ErrorCategory Category { get; }
    }

    /// <summary>Input broke a documented constraint; raised before anything is sent.</summary>
    public sealed class CodeCatalystInputException : CodeCatalystException
    {
        public CodeCatalystInputException(string parameterName, string message)
            : base(message, ErrorCategory.InvalidArgument, null)
        {
            ParameterName = parameterName;
        }

        public string ParameterName { get; }
    }

    /// <summary>No usable endpoint or token: nothing can be sent until the set-up is fixed.</summary>
    public sealed class CodeCatalystConfigurationException : CodeCatalystException
    {
        /// <summary>A set-up problem that is not about the token: a bad endpoint or profile (InvalidArgument).</summary>
        public CodeCatalystConfigurationException(string errorId, string message, Exception? innerException = null)
            : this(errorId, ErrorCategory.InvalidArgument, message, innerException)
        {
        }

        public CodeCatalystConfigurationException(string errorId, ErrorCategory category, string message, Exception? innerException = null)
            : base(message, category, innerException)
        {
            ErrorId = errorId;
        }

        public string ErrorId { get; }
    }

    /// <summary>The service could not be reached, or kept failing, after every allowed attempt.</summary>
    public sealed class CodeCatalystTransportException : CodeCatalystException
    {
        public CodeCatalystTransportException(string message, bool timedOut, int attempts, Exception? innerException)
            : base(message, timedOut ? ErrorCategory.OperationTimeout : ErrorCategory.ConnectionError, innerException)
        {
            TimedOut = timedOut;
            Attempts = attempts;
        }

        public bool TimedOut { get; }
        public int Attempts { get; }
    }
}
