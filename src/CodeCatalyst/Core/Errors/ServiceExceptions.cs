using System;

namespace CodeCatalyst
{
    /// <summary>An error response from the service: its error code, message, HTTP status and request id.</summary>
    public class CodeCatalystServiceException : CodeCatalystException
    {
        public CodeCatalystServiceException(string errorCode, string serviceMessage, int statusCode, string? requestId,
            string operationName, int attempts)
            : base(ComposeMessage(errorCode, serviceMessage, statusCode, requestId, operationName))
        {
            ErrorCode = errorCode;
            ServiceMessage = serviceMessage;
            StatusCode = statusCode;
            RequestId = requestId;
            OperationName = operationName;
            Attempts = attempts;
        }

        /// <summary>The service's error type, e.g. ResourceNotFoundException.</summary>
        public string ErrorCode { get; }

        /// <summary>The message as the service sent it, with the token redacted and cut to a loggable length.</summary>
        public string ServiceMessage { get; }

        public int StatusCode { get; }
        public string? RequestId { get; }
        public string OperationName { get; }
        public int Attempts { get; }

        private static string ComposeMessage(string errorCode, string serviceMessage, int statusCode, string? requestId,
            string operationName) =>
            $"{operationName} failed: {serviceMessage} ({errorCode}, HTTP {statusCode}, request id {requestId ?? "none"}).";
    }

    /// <summary>403: the token is not allowed to do this, or is no longer valid.</summary>
    public sealed class CodeCatalystAccessDeniedException : CodeCatalystServiceException
    {
        public CodeCatalystAccessDeniedException(string code, string message, int status, string? requestId, string operation, int attempts)
            : base(code, message, status, requestId, operation, attempts) { }
    }

    /// <summary>409: the request conflicts with the resource's current state.</summary>
    public sealed class CodeCatalystConflictException : CodeCatalystServiceException
    {
        public CodeCatalystConflictException(string code, string message, int status, string? requestId, string operation, int attempts)
            : base(code, message, status, requestId, operation, attempts) { }
    }

    /// <summary>404: the space, project, workflow or run does not exist (or is not visible to this token).</summary>
    public sealed class CodeCatalystResourceNotFoundException : CodeCatalystServiceException
    {
        public CodeCatalystResourceNotFoundException(string code, string message, int status, string? requestId, string operation, int attempts)
            : base(code, message, status, requestId, operation, attempts) { }
    }

    /// <summary>402: a quota of the space would be exceeded.</summary>
    public sealed class CodeCatalystServiceQuotaExceededException : CodeCatalystServiceException
    {
        public CodeCatalystServiceQuotaExceededException(string code, string message, int status, string? requestId, string operation, int attempts)
            : base(code, message, status, requestId, operation, attempts) { }
    }

    /// <summary>429: requests were throttled on every allowed attempt.</summary>
    public sealed class CodeCatalystThrottlingException : CodeCatalystServiceException
    {
        public CodeCatalystThrottlingException(string code, string message, int status, string? requestId, string operation, int attempts)
            : base(code, message, status, requestId, operation, attempts) { }
    }

    /// <summary>400: the service rejected the input.</summary>
    public sealed class CodeCatalystValidationException : CodeCatalystServiceException
    {
        public CodeCatalystValidationException(string code, string message, int status, string? requestId, string operation, int attempts)
            : base(code, message, status, requestId, operation, attempts) { }
    }

    internal static class ServiceExceptionFactory
    {
        /// <summary>Picks the typed exception from the error type header or body, falling back to the status code.</summary>
        public static CodeCatalystServiceException Create(string? errorType, string message, int status, string? requestId,
            string operation, int attempts)
        {
            var code = string.IsNullOrEmpty(errorType) ? CodeFromStatus(status) : errorType!;
            switch (code)
            {
                case "AccessDeniedException": return new CodeCatalystAccessDeniedException(code, message, status, requestId, operation, attempts);
                case "ConflictException": return new CodeCatalystConflictException(code, message, status, requestId, operation, attempts);
                case "ResourceNotFoundException": return new CodeCatalystResourceNotFoundException(code, message, status, requestId, operation, attempts);
                case "ServiceQuotaExceededException": return new CodeCatalystServiceQuotaExceededException(code, message, status, requestId, operation, attempts);
                case "ThrottlingException": return new CodeCatalystThrottlingException(code, message, status, requestId, operation, attempts);
                case "ValidationException": return new CodeCatalystValidationException(code, message, status, requestId, operation, attempts);
                default: return FromStatus(code, message, status, requestId, operation, attempts);
            }
        }

        /// <summary>
        /// An error code this module does not know (a proxy's, or one the service adds later) still gets the kind its
        /// HTTP status says, so a 403 from a gateway is a permission problem, not a generic failure.
        /// </summary>
        private static CodeCatalystServiceException FromStatus(string code, string message, int status, string? requestId,
            string operation, int attempts)
        {
            switch (status)
            {
                case 400: return new CodeCatalystValidationException(code, message, status, requestId, operation, attempts);
                case 401:
                case 403: return new CodeCatalystAccessDeniedException(code, message, status, requestId, operation, attempts);
                case 402: return new CodeCatalystServiceQuotaExceededException(code, message, status, requestId, operation, attempts);
                case 404: return new CodeCatalystResourceNotFoundException(code, message, status, requestId, operation, attempts);
                case 409: return new CodeCatalystConflictException(code, message, status, requestId, operation, attempts);
                case 429: return new CodeCatalystThrottlingException(code, message, status, requestId, operation, attempts);
                default: return new CodeCatalystServiceException(code, message, status, requestId, operation, attempts);
            }
        }

        private static string CodeFromStatus(int status)
        {
            switch (status)
            {
                case 400: return "ValidationException";
                case 401:
                case 403: return "AccessDeniedException";
                case 402: return "ServiceQuotaExceededException";
                case 404: return "ResourceNotFoundException";
                case 409: return "ConflictException";
                case 429: return "ThrottlingException";
                default: return status >= 500 ? "InternalServerException" : "UnknownError";
            }
        }

        /// <summary>
        /// x-amzn-ErrorType may carry a namespace prefix ("aws.foo#Name") or a trailing ":http://..." URL; only the
        /// bare name is the code.
        /// </summary>
        public static string? NormalizeErrorType(string? raw)
        {
            if (string.IsNullOrWhiteSpace(raw)) return null;
            var value = raw!.Trim();
            var colon = value.IndexOf(':');
            if (colon >= 0) value = value.Substring(0, colon);
            var hash = value.LastIndexOf('#');
            if (hash >= 0) value = value.Substring(hash + 1);
            return value.Length == 0 ? null : value;
        }
    }
}
