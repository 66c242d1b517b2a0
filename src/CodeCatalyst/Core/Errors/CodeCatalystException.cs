using System;

namespace CodeCatalyst
{
    /// <summary>Base of every error this module raises; catch it to handle any CodeCatalyst failure.</summary>
    public class CodeCatalystException : Exception
    {
        public CodeCatalystException(string message, Exception? innerException = null)
            : base(message, innerException)
        {
        }
    }

    /// <summary>Input broke a documented constraint; raised before anything is sent.</summary>
    public sealed class CodeCatalystInputException : CodeCatalystException
    {
        public CodeCatalystInputException(string parameterName, string message)
            : base(message)
        {
            ParameterName = parameterName;
        }

        public string ParameterName { get; }
    }

    /// <summary>No usable endpoint or token: nothing can be sent until the set-up is fixed.</summary>
    public sealed class CodeCatalystConfigurationException : CodeCatalystException
    {
        public CodeCatalystConfigurationException(string errorId, string message, Exception? innerException = null)
            : base(message, innerException)
        {
            ErrorId = errorId;
        }

        public string ErrorId { get; }
    }

    /// <summary>The service could not be reached, or kept failing, after every allowed attempt.</summary>
    public sealed class CodeCatalystTransportException : CodeCatalystException
    {
        public CodeCatalystTransportException(string message, bool timedOut, int attempts, Exception? innerException)
            : base(message, innerException)
        {
            TimedOut = timedOut;
            Attempts = attempts;
        }

        public bool TimedOut { get; }
        public int Attempts { get; }
    }
}
